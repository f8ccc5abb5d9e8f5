using BenchmarkDotNet.Attributes;
using HlScalper.Engine.Ring;

namespace HlScalper.Bench.Ring;

/// <summary>One producer and a three-stage pipeline (each stage gated on the one before), as the engine would chain book → strategy → recorder; events per second.</summary>
/// <remarks>Three consumer threads and a producer on two cores: yielding only, busy-spin would just fight for the cores.</remarks>
[Config(typeof(BenchConfig))]
public class RingPipelineBenchmarks
{
    private const int Events = 1 << 19;
    private const int RingSize = 1 << 14;

    private RingBuffer<SmallEvent> _ring = null!;
    private SingleProducerSequencer _sequencer = null!;
    private BatchEventProcessor<SmallEvent, CountingHandler>[] _stages = null!;
    private Counter[] _counters = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ring = new RingBuffer<SmallEvent>(RingSize);
        _sequencer = new SingleProducerSequencer(RingSize, new YieldingWaitStrategy());
        _counters = [new(), new(), new()];
        _stages = new BatchEventProcessor<SmallEvent, CountingHandler>[3];
        Sequence[] upstream = [];
        for (var i = 0; i < 3; i++)
        {
            _stages[i] = new(_ring, _sequencer.NewBarrier(upstream), new CountingHandler(_counters[i]), name: $"stage-{i}");
            upstream = [_stages[i].Sequence];
        }
        _sequencer.AddGatingSequences(_stages[^1].Sequence);
        foreach (var stage in _stages) stage.Start();
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
            _ring[last].Value = 1;
            _sequencer.Publish(last);
        }
        _stages[2].WaitUntilConsumed(last);
        return _counters[2].Sum == expected ? expected : throw new InvalidOperationException("the pipeline lost events");
    }
}
