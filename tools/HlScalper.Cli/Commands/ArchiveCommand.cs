using System.CommandLine;
using System.Globalization;
using HlScalper.Archive;
using HlScalper.Cli.Options;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper archive fetch|convert</c>: downloads Hyperliquid's requester-pays S3 archive and turns it into the back-test's tick tables.</summary>
public sealed class ArchiveCommand : Verb
{
    public ArchiveCommand() : base("archive", "download Hyperliquid's S3 archive (archive fetch, requester-pays, resumable) and convert it to tick tables (archive convert)",
        "Download Hyperliquid's requester-pays S3 archive (archive fetch) and turn the fetched tree into tick tables and funding series (archive convert). " +
        "Exit codes: 0 done (missing hours are not a failure), 1 a file failed, access was refused or data is bad, 2 usage error, 130 interrupted " +
        "(part files stay and the next run resumes them).")
    {
        Subcommands.Add(Fetch());
        Subcommands.Add(Convert());
    }

    public override int Order => 42;

    protected override Task<int> RunAsync(VerbRun run, CancellationToken cancel) => throw new UsageException("expected 'archive fetch ...' or 'archive convert DIR'");

    private static Command Fetch()
    {
        var kind = Opt.Text("--kind", "l2book: market_data/<day>/<hour>/l2Book/<COIN>.lz4, from 2023-04-15; asset-ctxs: asset_ctxs/<day>.csv.lz4, one file a day for all coins (funding), from 2023-05-20; "
                                      + "node-fills: hl-mainnet-node-data node_fills (2025-05-25..) / node_fills_by_block (2025-07-27..), all coins, hourly; node-trades: node_trades, 2025-03-22..2025-05-25, hourly", "l2book");
        var coin = Opt.OptionalText("--coin", "coins, comma-separated, l2book only (required there)");
        var from = Opt.OptionalText("--from", "first UTC day (YYYY-MM-DD or YYYYMMDD)");
        var to = Opt.OptionalText("--to", "last UTC day, inclusive (default: --from)");
        var yesterday = Opt.Flag("--yesterday", "the UTC day before today (for a daily timer)");
        var last = Opt.OptionalNumber<int>("--last", "the N UTC days up to yesterday: catches up what the archive uploaded late");
        var hours = Opt.Text("--hours", "hours of each day: 0-23, 9, 0,6,12-14", "0-23");
        var output = Opt.OptionalText("--out", "where the files go (required)", "-o");
        var parallel = Opt.Number("--parallel", "requests at once, 1..64", 4);
        var retries = Opt.Number("--retries", "retries of one request, 0..20", 6);
        var endpoint = Opt.OptionalText("--endpoint", "an S3-compatible server instead of AWS (path-style), e.g. http://127.0.0.1:4568");
        var region = Opt.OptionalText("--region", $"signing region (default AWS_REGION, AWS_DEFAULT_REGION, else {ArchiveConnection.DefaultRegion}; S3 names the right one if this is wrong)");
        var dryRun = Opt.Flag("--dry-run", "list each file to fetch with its size, the total and its transfer cost; download nothing (one HEAD request per file not already here)");
        var price = Opt.Number("--price-per-gb", $"USD per GB transferred, for the cost ({TransferCost.Source})", TransferCost.DefaultPricePerGb);
        var command = new Command("fetch",
            "Download files of the exchange's archive into --out, under the bucket's own paths (DIR/market_data/20240101/12/l2Book/BTC.lz4, ...). " +
            "Both buckets are requester-pays: you pay AWS for the transfer, every request says so, and credentials come from the AWS SDK's standard " +
            "chain; they are never printed. Files already there are not requested again; the rest are downloaded in parallel into FILE.part-<etag> " +
            "(resumed by the next run), checked by size and MD5 where the ETag is one, and only then renamed. Throttling, server errors and broken " +
            "transfers are retried with backoff; a 403 or missing credentials stop the run. Hours the archive lacks are listed at the end. " +
            "Progress (bytes, rate, ETA) goes to stderr; the closing summary to stdout.")
        {
            kind, coin, from, to, yesterday, last, hours, output, parallel, retries, endpoint, region, dryRun, price,
        };
        command.SetAction((parse, cancel) =>
        {
            var run = new VerbRun(parse);
            return FetchAsync(run, run.Get(kind), run.Get(coin), run.Get(from), run.Get(to), run.Get(yesterday), run.Get(last), run.Get(hours),
                run.Get(output) ?? throw new UsageException("--out DIR is required"), run.Get(parallel), run.Get(retries), run.Get(endpoint), run.Get(region),
                run.Get(dryRun), run.Get(price), cancel);
        });
        return command;
    }

    private static Command Convert()
    {
        var root = new Argument<string>("DIR") { Description = "the --out of archive fetch" };
        var output = Opt.OptionalText("--out", "where the tick tables go (default: DIR)", "-o");
        var coin = Opt.OptionalText("--coin", "only this coin's l2Book files (default: all)");
        var strict = Opt.Flag("--strict", "stop at the first bad line instead of reporting and skipping it");
        var command = new Command("convert",
            $"Read DIR's l2Book files (of --coin, or all) into DIR/{Replay.Data.TickTables.BooksFile} and {Replay.Data.TickTables.TradesFile} (or --out), " +
            "so `hlscalper backtest --data DIR --coin C` replays them, and read DIR/asset_ctxs into each coin's funding series, printing what it holds. " +
            "The archive's l2Book files hold no trades. Unfinished part files are skipped.")
        {
            root, output, coin, strict,
        };
        command.SetAction((parse, cancel) =>
        {
            var run = new VerbRun(parse);
            return ConvertAsync(run, run.Get(root), run.Get(output), run.Get(coin), run.Get(strict), cancel);
        });
        return command;
    }

    private static async Task<int> FetchAsync(VerbRun run, string kindName, string? coins, string? from, string? to, bool yesterday, int? last, string hours,
        string output, int parallel, int retries, string? endpoint, string? region, bool dryRun, decimal price, CancellationToken cancel)
    {
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
        run.Err.WriteLine($"fetch: {kind}{(kind.PerCoin ? " " + string.Join(',', coinList) : "")} {first:yyyy-MM-dd} → {lastDay:yyyy-MM-dd}"
                                + $"{(kind.Hourly ? $", hours {hours}" : "")}: {objects.Count} files from s3://{kind.Bucket} "
                                + $"({endpoint ?? "AWS"}, region {connection.ResolvedRegion}) into {output}{(dryRun ? " (dry run)" : "")}");
        if (selection.UncoveredDays > 0)
            run.Err.WriteLine($"fetch: {selection.UncoveredDays} day(s) outside {first:yyyy-MM-dd}..{lastDay:yyyy-MM-dd} where the archive holds {kind} "
                                    + $"({kind.FirstDay:yyyy-MM-dd} → {(kind.LastDay is { } l ? l.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "now")}) are not requested");

        var progress = new FetchProgress();
        using var client = connection.CreateClient();
        FetchReport report;
        await using (var display = new ProgressDisplay(run.Err, progress, interactive: ReferenceEquals(run.Err, Console.Error) && !Console.IsErrorRedirected))
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
        foreach (var line in report.Lines(price)) run.Out.WriteLine(line);
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

    private static async Task<int> ConvertAsync(VerbRun run, string root, string? output, string? coin, bool strict, CancellationToken cancel)
    {
        if (!Directory.Exists(root)) throw new UsageException($"{root}: no such directory");
        output ??= root;

        var result = await ArchiveConverter.ConvertAsync(root, output, coin, strict, run.Err.WriteLine, cancel);
        run.Out.WriteLine($"converted {result.BookFiles} l2Book files: {result.BookRows:N0} book rows, {UtcTime.Format(result.FirstTimeMs)} → {UtcTime.Format(result.LastTimeMs)}, "
                          + $"into {Path.Combine(output, Replay.Data.TickTables.BooksFile)} and {Replay.Data.TickTables.TradesFile} ({result.TradeRows:N0} rows)");
        if (result.AssetCtxFiles == 0) run.Out.WriteLine("funding: no asset_ctxs files here (archive fetch --kind asset-ctxs brings them)");
        foreach (var f in result.Funding)
        {
            if (f.Points.Count == 0)
            {
                run.Out.WriteLine($"funding {f.Coin}: no rows in {result.AssetCtxFiles} asset_ctxs file(s){(f.BadLines > 0 ? $", {f.BadLines} bad rows" : "")}");
                continue;
            }
            var rates = f.Points.Select(p => p.Rate).ToList();
            run.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"funding {f.Coin}: {f.Points.Count:N0} rows, {UtcTime.Format(f.Points[0].TimeMs)} → {UtcTime.Format(f.Points[^1].TimeMs)}, "
                + $"hourly rate {rates.Min():0.########} .. {rates.Max():0.########}{(f.BadLines > 0 ? $", {f.BadLines} bad rows skipped" : "")}"));
        }
        return 0;
    }
}
