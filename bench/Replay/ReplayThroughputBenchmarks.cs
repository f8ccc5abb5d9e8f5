using BenchmarkDotNet.Attributes;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Strategy;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Exchange;
using HlScalper.Replay.Synthetic;

namespace HlScalper.Bench.Replay;

/// <summary>Events per second through ring + strategy + risk (the live <see cref="EngineHandler"/>) + simulated exchange, from a preloaded tape.</summary>
/// <remarks>
/// 1 op = one whole back-test over a 30-minute built-in tape (its market-event count is printed at cleanup;
/// acks, fills and timers the run adds are extra work): market events/s = events per op / (s/op). Settings make
/// the strategy trade (a prior that keeps Kelly positive), so the exchange matches, acks and fills.
/// </remarks>
[Config(typeof(BenchConfig))]
public class ReplayThroughputBenchmarks
{
    private const int Minutes = 30;

    private EventTape _tape = null!;
    private BacktestOptions _options = null!;

    [Params(FillModel.Queue, FillModel.Touch)]
    public FillModel Fill { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _tape = SyntheticTape.Build(new SyntheticMarketConfig { DurationMs = Minutes * 60_000L });
        _options = new BacktestOptions { Asset = AssetMeta.BtcPerp, Settings = ["prior_n=100000"], Exchange = new SimExchangeConfig { Fill = Fill } };
    }

    [Benchmark(Baseline = true)]
    public long OneThread() => Backtest.Run(_tape, _options).EventsPublished;

    [Benchmark]
    public long TwoThreads() => Backtest.Run(_tape, _options with { Threaded = true }).EventsPublished;

    /// <summary>Prints the tape's market events, for converting s/op into events/s.</summary>
    [GlobalCleanup]
    public void Report() => Console.WriteLine($"// tape: {_tape.Count} market events per op");
}
