using BenchmarkDotNet.Attributes;
using HlScalper.Engine.Events;
using HlScalper.Engine.Ring;

namespace HlScalper.Bench.Ring;

/// <summary>One producer, one consumer thread: ns per event through the ring, unbatched and in batches of 10, at 16 bytes and at the engine's 1,080-byte <c>MarketEvent</c>.</summary>
/// <remarks>
/// The producer (benchmark thread, CPU 0) writes one field in place in each claimed slot, as the codec
/// does; the consumer (CPU 1) sums it, and the sum is checked. 1 op = 1 event: events/s = 10⁹ / (ns/op).
/// </remarks>
[Config(typeof(RingBenchConfig))]
[GenericTypeArguments(typeof(SmallEvent), typeof(SmallEventValue))]
[GenericTypeArguments(typeof(MarketEvent), typeof(MarketEventValue))]
public class RingThroughputBenchmarks<T, TValue>
    where T : struct
    where TValue : IEventValue<T>
{
    private const int Events = 1 << 18;

    [Params("BusySpin", "Yielding")]
    public string Wait { get; set; } = "BusySpin";

    private RingBuffer<T> _ring = null!;
    private SingleProducerSequencer _sequencer = null!;
    private BatchEventProcessor<T, SummingHandler<T, TValue>> _processor = null!;
    private Counter _counter = null!;

    [GlobalSetup]
    public void Setup()
    {
        RingBench.PinProducer();
        var size = RingBench.RingSize<T>();
        _counter = new Counter();
        _ring = new RingBuffer<T>(size);
        _sequencer = new SingleProducerSequencer(size, RingBench.Wait(Wait));
        _processor = new(_ring, _sequencer.NewBarrier(), new SummingHandler<T, TValue>(_counter), name: "bench-consumer");
        _sequencer.AddGatingSequences(_processor.Sequence);
        RingBench.StartConsumer(_processor);
    }

    [GlobalCleanup]
    public void Cleanup() => _processor.Halt();

    [Benchmark(OperationsPerInvoke = Events, Baseline = true)]
    public long Ring_unbatched()
    {
        var expected = _counter.Sum + Events;
        long last = 0;
        for (var i = 0; i < Events; i++)
        {
            last = _sequencer.Next();
            TValue.Of(ref _ring[last]) = 1;
            _sequencer.Publish(last);
        }
        _processor.WaitUntilConsumed(last);
        return RingBench.Check(_counter, expected);
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long Ring_batch10()
    {
        var expected = _counter.Sum + Events;
        long hi = 0;
        for (var i = 0; i < Events; i += 10)
        {
            var n = Math.Min(10, Events - i);
            hi = _sequencer.Next(n);
            for (var s = hi - n + 1; s <= hi; s++) TValue.Of(ref _ring[s]) = 1;
            _sequencer.Publish(hi - n + 1, hi);
        }
        _processor.WaitUntilConsumed(hi);
        return RingBench.Check(_counter, expected);
    }
}
