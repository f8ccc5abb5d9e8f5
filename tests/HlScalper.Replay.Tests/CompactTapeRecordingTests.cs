using System.Runtime.CompilerServices;
using HlScalper.Replay.Data;
using HlScalper.Replay.Data.Compact;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Reports;

namespace HlScalper.Replay.Tests;

/// <summary>Every real recording, read through the compact tape (cached per file, streamed, k-way merged), gives the array tape's events and the same back-test, byte for byte.</summary>
public class CompactTapeRecordingTests
{
    private const string Root = "data/hyperliquid/";

    /// <summary>Each recording the back-tester reads, alone, and all of them merged into one tape; the collector's Parquet tables name no coin, so it is given.</summary>
    private static IEnumerable<TestCaseData> Sources()
    {
        string[] each = ["derived_ws_20250904/BTC.lz4", "derived_ws_20250904/ETH.lz4", "derived_ws_20250904/SOL.lz4", "archive_l2book",
            "ws_raw_hftbacktest_btc_20250126", "ws_csv_20250904"];
        foreach (var path in each) yield return new TestCaseData(new[] { path }, null).SetArgDisplayNames(path);
        yield return new TestCaseData(new[] { "ws_parquet_eth_20251210" }, "ETH").SetArgDisplayNames("ws_parquet_eth_20251210");
        yield return new TestCaseData(new[] { "derived_ws_20250904", "archive_l2book", "ws_raw_hftbacktest_btc_20250126", "ws_csv_20250904" }, null)
            .SetArgDisplayNames("all merged");
    }

    [TestCaseSource(nameof(Sources))]
    public async Task The_compact_tape_of_a_recording_holds_the_array_tapes_events_and_replays_to_the_same_summary(string[] relative, string? unnamedCoin)
    {
        var paths = relative.Select(r => SharedData.PathOf(Root + r)).ToArray();
        var arrayLoad = await TickLoader.LoadAsync(paths, null, strict: false, _ => { }, coinOfUnnamedFiles: unnamedCoin);
        var array = arrayLoad.Tape;
        using var cache = new TempDirectory();
        var compactLoad = await TickLoader.LoadCompactAsync(paths, false, new TapeCache(cache.Path), _ => { }, coinOfUnnamedFiles: unnamedCoin);
        var compact = compactLoad.Tape;

        Assert.That(Names(compact), Is.EqualTo(Names(array)));
        Assert.That(Texts(compact), Is.EqualTo(Texts(array)));
        Assert.That(compact.CountByCoin(), Is.EqualTo(array.CountByCoin()));
        Assert.That((compact.FirstTimeMs, compact.LastTimeMs), Is.EqualTo((array.FirstTimeMs, array.LastTimeMs)));
        Assert.That(Positive(compactLoad.DuplicatesByCoin), Is.EqualTo(Positive(arrayLoad.DuplicatesByCoin)));
        Assert.That(array.Count, Is.GreaterThanOrEqualTo(100), "a recording of a handful of events tests little");

        for (ushort coin = 0; coin < array.Coins.Count; coin++)
        {
            var asset = KnownAssets.Find(array.Coins.NameOf(coin));
            var options = new BacktestOptions { Asset = asset, Settings = ["tp_ticks=3", "prior_n=1000000"] };
            var fromArray = Backtest.Run(array.Only(coin), options);
            var fromCompact = Backtest.Run(compact.Only(coin), options);
            Assert.That(fromCompact.Summary.ToTable(), Is.EqualTo(fromArray.Summary.ToTable()), asset.Name);
            Assert.That(StrategyCounters.Line(fromCompact.Engine), Is.EqualTo(StrategyCounters.Line(fromArray.Engine)), asset.Name);
            Assert.That(fromCompact.EventsPublished, Is.EqualTo(fromArray.EventsPublished), asset.Name);
        }
    }

    [Test]
    public async Task A_second_load_reads_the_cached_tape_files_unchanged_and_gives_the_same_events()
    {
        var paths = new[] { SharedData.PathOf(Root + "derived_ws_20250904") };
        using var cache = new TempDirectory();
        var first = (await TickLoader.LoadCompactAsync(paths, false, new TapeCache(cache.Path), _ => { })).Tape;
        var files = Directory.GetFiles(cache.Path).Order().ToArray();
        var written = files.Select(File.GetLastWriteTimeUtc).ToArray();
        var said = new List<string>();

        var second = (await TickLoader.LoadCompactAsync(paths, false, new TapeCache(cache.Path), said.Add)).Tape;

        Assert.That(files, Has.Length.EqualTo(3), "one tape file per input file");
        Assert.That(Directory.GetFiles(cache.Path).Order(), Is.EqualTo(files));
        Assert.That(files.Select(File.GetLastWriteTimeUtc), Is.EqualTo(written), "a cache hit must not rewrite the file");
        Assert.That(said, Has.None.Contains("rebuilding"));
        Assert.That(Texts(second), Is.EqualTo(Texts(first)));
    }

    [TestCase("BTC")]
    [TestCase("ETH")]
    public async Task Converted_tick_tables_merge_back_through_their_source_order_exactly_as_the_source_recording(string coin)
    {
        var source = (await TickLoader.LoadAsync([SharedData.PathOf(Recordings.Derived(coin))], coin, strict: false, _ => { })).Tape;
        using var tables = new TempDirectory();
        await TickTables.WriteAsync(source, tables.Path);
        using var cache = new TempDirectory();

        var compact = (await TickLoader.LoadCompactAsync([tables.Path], false, new TapeCache(cache.Path), _ => { })).Tape;

        Assert.That(Directory.GetFiles(cache.Path), Has.Length.EqualTo(1), "books and trades of one folder are one input, interleaved by their seq as they are decoded");
        Assert.That(Texts(compact), Is.EqualTo(Texts(source)));
    }

    internal static List<string> Texts(Tape tape)
    {
        var texts = new List<string>();
        using var cursor = tape.Open();
        for (ref readonly var e = ref cursor.Next(); !Unsafe.IsNullRef(in e); e = ref cursor.Next()) texts.Add(EventText.Of(in e));
        return texts;
    }

    private static List<(ushort, long)> Positive(IReadOnlyDictionary<ushort, long> byCoin) => [.. byCoin.Where(d => d.Value > 0).OrderBy(d => d.Key).Select(d => (d.Key, d.Value))];

    private static List<string> Names(Tape tape) => [.. Enumerable.Range(0, tape.Coins.Count).Select(c => tape.Coins.NameOf((ushort)c))];
}
