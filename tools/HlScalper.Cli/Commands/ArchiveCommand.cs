using System.Globalization;
using HlScalper.Archive;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper archive fetch|convert</c>: downloads Hyperliquid's requester-pays S3 archive and turns it into the back-test's tick tables.</summary>
public sealed class ArchiveCommand : ICommand
{
    public string Name => "archive";

    public string Summary => "download Hyperliquid's S3 archive (archive fetch, requester-pays, resumable) and convert it to tick tables (archive convert)";

    public string Help => $"""
        hlscalper archive fetch --coin BTC[,ETH...] --from YYYY-MM-DD [--to YYYY-MM-DD] --out DIR [options]
        hlscalper archive fetch --coin BTC --yesterday --out DIR          (the daily task; or --last N days)
        hlscalper archive convert DIR [--out TABLES] [--coin C] [--strict]

        fetch downloads files of the exchange's archive into DIR, under the bucket's own paths
        (DIR/market_data/20240101/12/l2Book/BTC.lz4, DIR/asset_ctxs/20240101.csv.lz4, DIR/node_fills_by_block/...).
        Both buckets are requester-pays: you pay AWS for the transfer, every request says so
        (x-amz-request-payer: requester), and credentials come from the AWS SDK's standard chain
        (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE and ~/.aws, SSO, container or instance role);
        they are never printed. Files already in DIR are not requested again. The rest are found with HEAD,
        downloaded in parallel into FILE.part-<etag> (resumed where it stopped by the next run), checked by
        size and by MD5 where the ETag is one, and only then renamed. Throttling (503 SlowDown), server errors
        and broken transfers are retried with exponential backoff; a 403 or missing credentials stop the run.
        Hours the archive lacks (it has gaps, and is uploaded about monthly) are listed at the end.
        Progress (bytes, rate, ETA) goes to stderr; the closing summary to stdout.

          --kind K          l2book (default): market_data/<day>/<hour>/l2Book/<COIN>.lz4, from 2023-04-15
                            asset-ctxs: asset_ctxs/<day>.csv.lz4, one file a day for all coins (funding), from 2023-05-20
                            node-fills: hl-mainnet-node-data node_fills (2025-05-25..) / node_fills_by_block (2025-07-27..), all coins, hourly
                            node-trades: hl-mainnet-node-data node_trades, 2025-03-22..2025-05-25, hourly
          --coin C[,C...]   coins, l2book only (required there)
          --from DAY        first UTC day (YYYY-MM-DD or YYYYMMDD)
          --to DAY          last UTC day, inclusive (default: --from)
          --yesterday       the UTC day before today (for a daily timer)
          --last N          the N UTC days up to yesterday: catches up what the archive uploaded late
          --hours H         hours of each day: 0-23 (default), 9, 0,6,12-14
          --out DIR         where the files go (required)
          --parallel N      requests at once (default 4)
          --retries N       retries of one request (default 6)
          --endpoint URL    an S3-compatible server instead of AWS (path-style), e.g. http://127.0.0.1:4568
          --region R        signing region (default AWS_REGION, AWS_DEFAULT_REGION, else {ArchiveConnection.DefaultRegion};
                            S3 names the right one if this is wrong)
          --dry-run         list each file to fetch with its size, the total and its transfer cost; download nothing
                            (one HEAD request per file not already here)
          --price-per-gb P  USD per GB transferred, for the cost (default {TransferCost.DefaultPricePerGb.ToString(CultureInfo.InvariantCulture)}: {TransferCost.Source})

        convert reads DIR's l2Book files (of --coin, or all) into DIR/{Replay.Data.TickTables.BooksFile} and
        {Replay.Data.TickTables.TradesFile} (or --out TABLES), so `hlscalper backtest --data DIR --coin C` replays
        them, and reads DIR/asset_ctxs into each coin's funding series (Replay.Data.FundingSeries), printing what
        it holds. The archive's l2Book files hold no trades. Unfinished part files are skipped.

        Exit codes: 0 done (missing hours are not a failure), 1 a file failed, access was refused or data is bad,
        2 usage error, 130 interrupted (part files stay and the next run resumes them).
        """;

    public Task<int> RunAsync(CommandArgs args, CancellationToken cancel)
    {
        var sub = args.Positionals.Count > 0 ? args.Positionals[0] : null;
        return sub switch
        {
            "fetch" => FetchAsync(args, cancel),
            "convert" => ConvertAsync(args, cancel),
            _ => throw new UsageException("expected 'archive fetch ...' or 'archive convert DIR'"),
        };
    }

    private static async Task<int> FetchAsync(CommandArgs args, CancellationToken cancel)
    {
        var kindName = args.String("kind", "l2book");
        var coins = args.String("coin");
        var from = args.String("from");
        var to = args.String("to");
        var yesterday = args.Flag("yesterday");
        var last = args.String("last") is null ? (int?)null : args.Int("last", 0);
        var hours = args.String("hours", "0-23");
        var output = args.String("out") ?? throw new UsageException("--out DIR is required");
        var parallel = args.Int("parallel", 4);
        var retries = args.Int("retries", 6);
        var endpoint = args.String("endpoint");
        var region = args.String("region");
        var dryRun = args.Flag("dry-run");
        var price = (decimal)args.Double("price-per-gb", (double)TransferCost.DefaultPricePerGb);
        args.RejectUnknown();
        if (args.Positionals.Count > 1) throw new UsageException($"unexpected argument '{args.Positionals[1]}'");

        var kind = ArchiveKind.Find(kindName) ?? throw new UsageException($"--kind must be one of {string.Join(", ", ArchiveKind.All)}, not '{kindName}'");
        var coinList = (coins ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (kind.PerCoin && coinList.Length == 0) throw new UsageException("--coin is required with --kind l2book (e.g. --coin BTC,ETH)");
        if (!kind.PerCoin && coinList.Length > 0) throw new UsageException($"--coin does not apply to --kind {kind}: its files hold every coin");
        var (first, lastDay) = Days(from, to, yesterday, last);
        IReadOnlyList<int> hourList;
        try
        {
            hourList = ArchiveSelection.ParseHours(hours);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--hours {e.Message}");
        }
        if (parallel is < 1 or > 64) throw new UsageException("--parallel must be 1..64");
        if (retries is < 0 or > 20) throw new UsageException("--retries must be 0..20");
        if (price < 0) throw new UsageException("--price-per-gb cannot be negative");
        if (endpoint is not null && !Uri.TryCreate(endpoint, UriKind.Absolute, out _)) throw new UsageException($"--endpoint '{endpoint}' is not a URL");

        var selection = new ArchiveSelection(kind, coinList, first, lastDay, kind.Hourly ? hourList : [0]);
        var objects = selection.Objects();
        var connection = new ArchiveConnection(endpoint, region);
        Console.Error.WriteLine($"fetch: {kind}{(kind.PerCoin ? " " + string.Join(',', coinList) : "")} {first:yyyy-MM-dd} → {lastDay:yyyy-MM-dd}"
                                + $"{(kind.Hourly ? $", hours {hours}" : "")}: {objects.Count} files from s3://{kind.Bucket} "
                                + $"({endpoint ?? "AWS"}, region {connection.ResolvedRegion}) into {output}{(dryRun ? " (dry run)" : "")}");
        if (selection.UncoveredDays > 0)
            Console.Error.WriteLine($"fetch: {selection.UncoveredDays} day(s) outside {first:yyyy-MM-dd}..{lastDay:yyyy-MM-dd} where the archive holds {kind} "
                                    + $"({kind.FirstDay:yyyy-MM-dd} → {(kind.LastDay is { } l ? l.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "now")}) are not requested");

        var progress = new FetchProgress();
        using var client = connection.CreateClient();
        FetchReport report;
        await using (var display = new ProgressDisplay(Console.Error, progress, interactive: !Console.IsErrorRedirected))
        {
            var options = new FetchOptions { OutputDirectory = output, Parallelism = parallel, Retries = retries, DryRun = dryRun };
            try
            {
                report = await new ArchiveFetcher(new ArchiveStore(client), options, progress, display.WriteLine).RunAsync(objects, cancel);
            }
            catch (ArchiveAccessException e)
            {
                display.WriteLine($"hlscalper archive: {e.Message}");
                return 1;
            }
        }
        foreach (var line in report.Lines(price)) Console.WriteLine(line);
        return report.ExitCode;
    }

    private static (DateOnly From, DateOnly To) Days(string? from, string? to, bool yesterday, int? last)
    {
        var chosen = (from is not null ? 1 : 0) + (yesterday ? 1 : 0) + (last is not null ? 1 : 0);
        if (chosen != 1) throw new UsageException("give exactly one of --from DAY, --yesterday or --last N");
        if (to is not null && from is null) throw new UsageException("--to needs --from");
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        if (yesterday) return (day, day);
        if (last is { } n)
        {
            if (n is < 1 or > 3660) throw new UsageException("--last must be 1..3660 days");
            return (day.AddDays(1 - n), day);
        }
        var first = Day("from", from!);
        var end = to is null ? first : Day("to", to);
        if (end < first) throw new UsageException($"--to {end:yyyy-MM-dd} is before --from {first:yyyy-MM-dd}");
        return (first, end);
    }

    private static DateOnly Day(string option, string text) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new UsageException($"--{option} '{text}' is not a day (YYYY-MM-DD)");

    private static async Task<int> ConvertAsync(CommandArgs args, CancellationToken cancel)
    {
        var output = args.String("out");
        var coin = args.String("coin");
        var strict = args.Flag("strict");
        args.RejectUnknown();
        if (args.Positionals.Count != 2) throw new UsageException("archive convert needs one DIR (the --out of archive fetch)");
        var root = args.Positionals[1];
        if (!Directory.Exists(root)) throw new UsageException($"{root}: no such directory");
        output ??= root;

        var result = await ArchiveConverter.ConvertAsync(root, output, coin, strict, Console.Error.WriteLine, cancel);
        Console.WriteLine($"converted {result.BookFiles} l2Book files: {result.BookRows:N0} book rows, {UtcTime.Format(result.FirstTimeMs)} → {UtcTime.Format(result.LastTimeMs)}, "
                          + $"into {Path.Combine(output, Replay.Data.TickTables.BooksFile)} and {Replay.Data.TickTables.TradesFile} ({result.TradeRows:N0} rows)");
        if (result.AssetCtxFiles == 0) Console.WriteLine("funding: no asset_ctxs files here (archive fetch --kind asset-ctxs brings them)");
        foreach (var f in result.Funding)
        {
            if (f.Points.Count == 0)
            {
                Console.WriteLine($"funding {f.Coin}: no rows in {result.AssetCtxFiles} asset_ctxs file(s){(f.BadLines > 0 ? $", {f.BadLines} bad rows" : "")}");
                continue;
            }
            var rates = f.Points.Select(p => p.Rate).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"funding {f.Coin}: {f.Points.Count:N0} rows, {UtcTime.Format(f.Points[0].TimeMs)} → {UtcTime.Format(f.Points[^1].TimeMs)}, "
                + $"hourly rate {rates.Min():0.########} .. {rates.Max():0.########}{(f.BadLines > 0 ? $", {f.BadLines} bad rows skipped" : "")}"));
        }
        return 0;
    }
}
