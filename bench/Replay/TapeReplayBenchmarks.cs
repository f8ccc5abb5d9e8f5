using BenchmarkDotNet.Attributes;
using HlScalper.Engine.Numbers;
using HlScalper.Replay.Data;
using HlScalper.Replay.Data.Compact;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Exchange;
using HlScalper.Replay.Metrics;
using HlScalper.Replay.Sweep;

namespace HlScalper.Bench.Replay;

/// <summary>The real BTC recording replayed from the array tape and from the compact tape: one back-test on one core, and the README's 12-run sweep on 1 and on 2 workers.</summary>
/// <remarks>
/// Queue fills, sizing pinned to the prior (<c>prior_n=1000000</c>) so the strategy trades. Market events per op are printed at
/// cleanup, also in hftbacktest's count (<see cref="DepthUpdates"/>): events/s = events / (s/op). The compact tape is read from a cache file (page cache), each run through its own cursor.
/// <c>3-coin compact</c> replays the same BTC events from one file holding BTC, ETH and SOL (the three recordings converted to
/// tick tables together, as <c>convert</c> writes them): the BTC back-test steps over the other two coins' events.
/// </remarks>
[Config(typeof(BenchConfig))]
public class TapeReplayBenchmarks
{
    private static readonly ParamGrid Grid = ParamGrid.Parse("tp_ticks=2,6,12;imbalance=0.55,0.65;timeout_s=5,30");

    private Tape _tape = null!;
    private string _cache = null!;
    private BacktestOptions _options = null!;

    [Params("array", "compact", "3-coin compact")]
    public string Kind { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var lz4 = BenchData.PathOf("data/hyperliquid/derived_ws_20250904/BTC.lz4");
        _cache = Directory.CreateTempSubdirectory("hlscalper-bench-tapes").FullName;
        _tape = Kind switch
        {
            "array" => TickLoader.LoadAsync([lz4], "BTC", strict: true, _ => { }).GetAwaiter().GetResult().Tape,
            "compact" => TickLoader.LoadCompactAsync([lz4], strict: true, new TapeCache(_cache), _ => { }).GetAwaiter().GetResult().Tape,
            _ => ThreeCoinTables().GetAwaiter().GetResult(),
        };
        _options = new BacktestOptions { Asset = AssetMeta.BtcPerp, Settings = ["prior_n=1000000"], Exchange = new SimExchangeConfig { Fill = FillModel.Queue } };
    }

    /// <summary>BTC of a compact tape read from the tick tables of all three derived recordings.</summary>
    private async Task<Tape> ThreeCoinTables()
    {
        var recordings = new[] { "BTC", "ETH", "SOL" }.Select(c => BenchData.PathOf($"data/hyperliquid/derived_ws_20250904/{c}.lz4")).ToArray();
        var tables = Path.Combine(_cache, "tables");
        await TickTables.WriteAsync((await TickLoader.LoadAsync(recordings, null, strict: true, _ => { })).Tape, tables);
        var all = (await TickLoader.LoadCompactAsync([tables], strict: true, new TapeCache(_cache), _ => { })).Tape;
        return all.Only((ushort)all.Coins.Find("BTC"u8));
    }

    [Benchmark]
    public long Backtest1Core() => Backtest.Run(_tape, _options).EventsPublished;

    [Benchmark]
    public int Sweep1Worker() => SweepRunner.Run(_tape, _options, Grid, _options.Settings, parallelism: 1).Count;

    [Benchmark]
    public int Sweep2Workers() => SweepRunner.Run(_tape, _options, Grid, _options.Settings, parallelism: 2).Count;

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// tape: {_tape.EventCount} market events per back-test ({DepthUpdates.Of(_tape)} in hftbacktest's count), {Grid.Count} back-tests per sweep");
        Directory.Delete(_cache, recursive: true);
    }
}
