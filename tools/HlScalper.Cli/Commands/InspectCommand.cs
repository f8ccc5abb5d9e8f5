using System.Globalization;
using System.Text.Json;
using HlScalper.Replay.Data;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper inspect</c>: what tick files hold, per coin.</summary>
public sealed class InspectCommand : ICommand
{
    public string Name => "inspect";

    public string Summary => "count books, trades and BBOs per coin in tick files, with time span and last top of book";

    public string Help => """
        hlscalper inspect FILE... [--coin C] [--strict] [--json]

        Reads tick files of any supported format (see backtest --help), merged in time order, and prints
        per coin: l2Book snapshots, trades (all rows) and unique tids, BBO updates, first and last
        exchange time, and the last best bid and ask (price and size).

          --coin C     only this coin
          --strict     stop at the first bad line instead of reporting and skipping it
          --json       one JSON document instead of the table
        """;

    public async Task<int> RunAsync(CommandArgs args, CancellationToken cancel)
    {
        var coin = args.String("coin");
        var strict = args.Flag("strict");
        var json = args.Flag("json");
        args.RejectUnknown();
        if (args.Positionals.Count == 0) throw new UsageException("give at least one FILE");

        var load = await TickLoader.LoadAsync(args.Positionals, coin, strict, Console.Error.WriteLine, cancel);
        var coins = CoinSummary.Of(load);
        if (json)
        {
            var doc = new
            {
                files = load.Files.Select(f => new { path = f.Path, format = f.Format.ToString(), lines = f.Lines, bad_lines = f.BadLines, events = f.Events }),
                duplicate_trades = load.DuplicateTrades,
                coins = coins.Select(c => new
                {
                    coin = c.Coin, book_snapshots = c.BookSnapshots, trades = c.Trades, unique_tids = c.UniqueTids, bbo_updates = c.BboUpdates,
                    first_time_ms = c.FirstTimeMs, last_time_ms = c.LastTimeMs, first_time = Time(c.FirstTimeMs), last_time = Time(c.LastTimeMs),
                    last_bid_px = c.LastBidPx.ToString(), last_bid_sz = c.LastBidSz.ToString(), last_ask_px = c.LastAskPx.ToString(), last_ask_sz = c.LastAskSz.ToString(),
                }),
            };
            Console.WriteLine(JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        foreach (var f in load.Files)
            Console.WriteLine($"{f.Path}: {f.Format}, {f.Lines:N0} lines, {f.Events:N0} events{(f.BadLines > 0 ? $", {f.BadLines} bad lines" : "")}");
        Console.WriteLine($"duplicate trades dropped: {load.DuplicateTrades}");
        Console.WriteLine();
        Console.WriteLine($"{"coin",-6} {"books",8} {"trades",8} {"uniq tid",8} {"bbo",8}  {"first",-24} {"last",-24} {"last bid",-22} {"last ask",-22}");
        foreach (var c in coins)
            Console.WriteLine($"{c.Coin,-6} {c.BookSnapshots,8} {c.Trades,8} {c.UniqueTids,8} {c.BboUpdates,8}  {Time(c.FirstTimeMs),-24} {Time(c.LastTimeMs),-24} {$"{c.LastBidSz} @ {c.LastBidPx}",-22} {$"{c.LastAskSz} @ {c.LastAskPx}",-22}");
        return 0;
    }

    private static string Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
