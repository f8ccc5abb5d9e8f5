using BenchmarkDotNet.Attributes;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Strategy;
using HlScalper.Replay.Scripted;

namespace HlScalper.Bench.Strategy;

/// <summary>
/// Per-event cost of the engine handler (book, signals, slot runner, risk guards) for one coin.
/// <c>Replay</c>: a recorded stream of 20,000 events — books, timers, controls and the acks, fills and cancels
/// the scripted exchange gave this very strategy — fed to each of 16 fresh handlers, so only the handler is timed.
/// <c>Live loop</c>: the same kind of workload generated on the fly, the scripted exchange answering in the loop.
/// </summary>
/// <remarks>1 op = 1 event. The replayed run must send exactly the intents of the recording, or the benchmark throws.</remarks>
[Config(typeof(BenchConfig))]
public class EngineHandlerBenchmarks
{
    private const int Events = 20_000;

    // Replay needs a fresh handler per pass (its clock and orders move on); 16 passes make an iteration long enough to time.
    private const int Passes = 16;

    // Keep the engine trading throughout: a prior weighing a billion trades holds the Kelly fraction at its prior value.
    private static readonly string[] Settings = ["prior_n=1000000000"];

    private MarketEvent[] _stream = [];
    private long _recordedIntents;
    private readonly EngineHandler[] _handlers = new EngineHandler[Passes];
    private readonly CountingOrderSink[] _sinks = new CountingOrderSink[Passes];
    private StrategyWorkload _live = null!;
    private XorShift _random;

    [GlobalSetup]
    public void Setup()
    {
        var recorder = new StrategyWorkload(AssetMeta.BtcPerp, Fixed8.FromDecimal(90_000m), new EngineConfig().With(Settings)) { TerminalControls = false };
        var stream = new List<MarketEvent>(Events);
        recorder.Tap = (ref MarketEvent e) => stream.Add(e);
        var random = new XorShift(1);
        while (stream.Count < Events) recorder.Step(random.Next(), random.Next(), random.Next());
        _stream = [.. stream.Take(Events)];
        recorder.Tap = null;

        // Count the intents the recorded events provoke, from a fresh engine (the recorder ran a few events past the cut).
        var counting = new CountingOrderSink();
        var check = new EngineHandler(AssetMeta.BtcPerp, 0, new EngineConfig().With(Settings), counting);
        for (var i = 0; i < _stream.Length; i++) check.OnEvent(ref _stream[i], i, false);
        _recordedIntents = counting.Count;
        if (check.Stats.Trades == 0) throw new InvalidOperationException("the recorded stream closed no trade: it would not exercise exits");

        _live = new StrategyWorkload(AssetMeta.BtcPerp, Fixed8.FromDecimal(90_000m), new EngineConfig().With(Settings)) { TerminalControls = false };
        _random = new XorShift(2);
    }

    [IterationSetup(Target = nameof(Replay))]
    public void FreshHandlers()
    {
        for (var p = 0; p < Passes; p++)
        {
            _sinks[p] = new CountingOrderSink();
            _handlers[p] = new EngineHandler(AssetMeta.BtcPerp, 0, new EngineConfig().With(Settings), _sinks[p]);
        }
    }

    [IterationCleanup(Target = nameof(Replay))]
    public void CheckSameDecisions()
    {
        foreach (var sink in _sinks)
            if (sink.Count != _recordedIntents)
                throw new InvalidOperationException($"replay sent {sink.Count} intents, the recording {_recordedIntents}: decisions are not deterministic");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events * Passes)]
    public long Replay()
    {
        var stream = _stream;
        long events = 0;
        foreach (var handler in _handlers)
        {
            for (var i = 0; i < stream.Length; i++) handler.OnEvent(ref stream[i], i, false);
            events += handler.Stats.Events;
        }
        return events;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long LiveLoop()
    {
        var stats = _live.Runner.Stats;
        var target = stats.Events + Events;
        while (stats.Events < target) _live.Step(_random.Next(), _random.Next(), _random.Next());
        return stats.Events;
    }
}
