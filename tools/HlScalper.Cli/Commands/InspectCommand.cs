using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using HlScalper.Cli.Options;
using HlScalper.Replay.Data;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper inspect</c>: what tick files hold, per coin.</summary>
public sealed class InspectCommand : Verb
{
    private readonly Argument<string[]> _files = new("FILE") { Description = "tick files or folders", Arity = ArgumentArity.OneOrMore };
    private readonly Option<string?> _coin = Opt.OptionalText("--coin", "only this coin (any case)");
    private readonly Option<bool> _strict = Opt.Flag("--strict", "stop at the first bad line instead of reporting and skipping it");
    private readonly Option<bool> _json = Opt.Flag("--json", "one JSON document instead of the table");

    public InspectCommand() : base("inspect", "what tick files hold per coin: books, trades, BBOs, time span, gaps, last top of book",
        "Count what tick files hold per coin: l2Book snapshots, trades (all rows) and unique tids, BBO updates, first and last exchange time, " +
        "and the last best bid and ask; gaps of more than an hour are reported.")
    {
        Arguments.Add(_files);
        foreach (var option in new Option[] { _coin, _strict, _json }) Options.Add(option);
    }

    public override int Order => 30;

    public override string HelpEpilog => DataOptions.Formats;

    protected override async Task<int> RunAsync(VerbRun run, CancellationToken cancel)
    {
        var files = DataOptions.FilesOf(run, _files);
        var coin = run.Get(_coin);
        var load = await TickLoader.LoadAsync(files, null, run.Get(_strict), run.Err.WriteLine, cancel, coinOfUnnamedFiles: coin);
        if (coin is not null)
        {
            var index = CoinChoice.Pick(load.Tape, coin, string.Join(", ", files)).Index;
            load = load with { Tape = load.Tape.Only(index), DuplicatesByCoin = new Dictionary<ushort, long> { [0] = load.DuplicatesByCoin.GetValueOrDefault(index) } };
        }
        var coins = CoinSummary.Of(load);
        if (run.Get(_json))
        {
            // A JsonObject rather than anonymous types: it serialises without reflection (trimming, NativeAOT).
            var doc = new JsonObject
            {
                ["files"] = new JsonArray([.. load.Files.Select(f => new JsonObject
                {
                    ["path"] = f.Path, ["format"] = f.Format.ToString(), ["lines"] = f.Lines, ["bad_lines"] = f.BadLines, ["events"] = f.Events,
                })]),
                ["duplicate_trades"] = load.DuplicateTrades,
                ["coins"] = new JsonArray([.. coins.Select(c => new JsonObject
                {
                    ["coin"] = c.Coin, ["book_snapshots"] = c.BookSnapshots, ["trades"] = c.Trades, ["unique_tids"] = c.UniqueTids, ["bbo_updates"] = c.BboUpdates,
                    ["first_time_ms"] = c.FirstTimeMs, ["last_time_ms"] = c.LastTimeMs, ["first_time"] = UtcTime.Format(c.FirstTimeMs), ["last_time"] = UtcTime.Format(c.LastTimeMs),
                    ["last_bid_px"] = c.LastBidPx.ToString(), ["last_bid_sz"] = c.LastBidSz.ToString(), ["last_ask_px"] = c.LastAskPx.ToString(), ["last_ask_sz"] = c.LastAskSz.ToString(),
                })]),
            };
            run.Out.WriteLine(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        foreach (var f in load.Files)
            run.Out.WriteLine($"{f.Path}: {f.Format}, {f.Lines:N0} lines, {f.Events:N0} events{(f.BadLines > 0 ? $", {f.BadLines} bad lines" : "")}");
        run.Out.WriteLine($"duplicate trades dropped: {load.DuplicateTrades}");
        foreach (var (from, to) in TimeGaps.Find(load.Tape, TimeGaps.WarnMs))
            run.Out.WriteLine($"gap: no data from {UtcTime.Format(from)} to {UtcTime.Format(to)}");
        run.Out.WriteLine();
        run.Out.WriteLine($"{"coin",-6} {"books",8} {"trades",8} {"uniq tid",8} {"bbo",8}  {"first",-24} {"last",-24} {"last bid",-22} {"last ask",-22}");
        foreach (var c in coins)
            run.Out.WriteLine($"{c.Coin,-6} {c.BookSnapshots,8} {c.Trades,8} {c.UniqueTids,8} {c.BboUpdates,8}  {UtcTime.Format(c.FirstTimeMs),-24} {UtcTime.Format(c.LastTimeMs),-24} {$"{c.LastBidSz} @ {c.LastBidPx}",-22} {$"{c.LastAskSz} @ {c.LastAskPx}",-22}");
        return 0;
    }
}
