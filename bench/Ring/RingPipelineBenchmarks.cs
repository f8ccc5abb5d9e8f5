using BenchmarkDotNet.Attributes;
using HlScalper.Engine.Events;
using HlScalper.Engine.Ring;

namespace HlScalper.Bench.Ring;

/// <summary>One producer and a three-stage pipeline (each stage gated on the one before), as the engine would chain book → strategy → recorder; ns per event at 16 bytes and at 1,080.</summary>
/// <remarks>Three consumers and a producer on two cores: yielding only (busy-spin would just fight for the cores);
/// producer on CPU 0, the three stages on CPU 1. Every stage's sum is checked.</remarks>
[Config(typeof(RingBenchConfig))]
[GenericTypeArguments(typeof(SmallEvent), typeof(SmallEventValue))]
[GenericTypeArguments(typeof(MarketEvent), typeof(MarketEventValue))]
public class RingPipelineBenchmarks<T, TValue>
    where T : struct
    where TValue : IEventValue<T>
{
    private const int Events = 1 << 18;

    private RingBuffer<T> _ring = null!;
    private SingleProducerSequencer _sequencer = null!;
    private BatchEventProcessor<T, SummingHandler<T, TValue>>[] _stages = null!;
    private Counter[] _counters = null!;

    [GlobalSetup]
    public void Setup()
    {
        RingBench.PinProducer();
        var size = RingBench.RingSize<T>();
        _ring = new RingBuffer<T>(size);
        _sequencer = new SingleProducerSequencer(size, new YieldingWaitStrategy());
        _counters = [new(), new(), new()];
        _stages = new BatchEventProcessor<T, SummingHandler<T, TValue>>[3];
        Sequence[] upstream = [];
        for (var i = 0; i < 3; i++)
        {
            _stages[i] = new(_ring, _sequencer.NewBarrier(upstream), new SummingHandler<T, TValue>(_counters[i]), name: $"stage-{i}");
            upstream = [_stages[i].Sequence];
        }
        _sequencer.AddGatingSequences(_stages[^1].Sequence);
        foreach (var stage in _stages) RingBench.StartConsumer(stage);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var stage in _stages) stage.Halt();
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long Pipeline_three_stages()
    {
        var expected = _counters[2].Sum + Events;
        long last = 0;
        for (var i = 0; i < Events; i++)
        {
            last = _sequencer.Next();
            TValue.Of(ref _ring[last]) = 1;
            _sequencer.Publish(last);
        }
        _stages[2].WaitUntilConsumed(last);
        foreach (var counter in _counters) RingBench.Check(counter, expected);
        return expected;
    }
}
