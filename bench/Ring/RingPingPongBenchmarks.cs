using BenchmarkDotNet.Attributes;
using HlScalper.Engine.Events;
using HlScalper.Engine.Ring;

namespace HlScalper.Bench.Ring;

/// <summary>Round trip between two pinned threads over two rings, at 16 bytes and at the engine's 1,080-byte <c>MarketEvent</c>: the benchmark thread pings, a processor thread pongs.</summary>
/// <remarks>1 op = 1 round trip; each pong is checked to carry its ping's value. <c>Multi</c> makes both rings' sequencers
/// multi-producer ones, as the live engine's ring is (the feed and the order replies both publish): the consumer then
/// learns of an event from its slot's stamp.</remarks>
[Config(typeof(RingBenchConfig))]
[GenericTypeArguments(typeof(SmallEvent), typeof(SmallEventValue))]
[GenericTypeArguments(typeof(MarketEvent), typeof(MarketEventValue))]
public class RingPingPongBenchmarks<T, TValue>
    where T : struct
    where TValue : IEventValue<T>
{
    private const int RoundTrips = 10_000;
    private const int RingSize = 1024;

    [Params("BusySpin", "Yielding")]
    public string Wait { get; set; } = "BusySpin";

    [Params("Single", "Multi")]
    public string Producers { get; set; } = "Single";

    private RingBuffer<T> _ping = null!;
    private RingBuffer<T> _pong = null!;
    private Sequencer _pingSequencer = null!;
    private SequenceBarrier _pongBarrier = null!;
    private Sequence _pongRead = null!;
    private BatchEventProcessor<T, PongHandler> _ponger = null!;

    [GlobalSetup]
    public void Setup()
    {
        RingBench.PinProducer();
        _ping = new RingBuffer<T>(RingSize);
        _pong = new RingBuffer<T>(RingSize);
        _pingSequencer = NewSequencer(_ping);
        var pongSequencer = NewSequencer(_pong);
        _ponger = new(_ping, _pingSequencer.NewBarrier(), new PongHandler(_pong, pongSequencer), name: "ponger");
        _pingSequencer.AddGatingSequences(_ponger.Sequence);
        _pongRead = new Sequence();
        pongSequencer.AddGatingSequences(_pongRead);
        _pongBarrier = pongSequencer.NewBarrier();
        RingBench.StartConsumer(_ponger);
    }

    [GlobalCleanup]
    public void Cleanup() => _ponger.Halt();

    private Sequencer NewSequencer(RingBuffer<T> ring) => Producers == "Multi"
        ? new MultiProducerSequencer(ring.Stamps, RingBench.Wait(Wait))
        : new SingleProducerSequencer(RingSize, RingBench.Wait(Wait));

    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public long PingPong()
    {
        long sum = 0;
        for (var i = 0; i < RoundTrips; i++)
        {
            var s = _pingSequencer.Next();
            TValue.Of(ref _ping[s]) = s;
            _pingSequencer.Publish(s);
            // A multi-producer barrier answers below s while the pong is claimed but not yet stamped: ask again.
            var got = _pongBarrier.WaitFor(s);
            while (got < s && got > SequenceBarrier.TimedOut) got = _pongBarrier.WaitFor(s);
            if (got < s || TValue.Of(ref _pong[s]) != s)
                throw new InvalidOperationException($"no pong, or a wrong one, for ping {s}");
            _pongRead.SetValue(s);
            sum += s;
        }
        return sum;
    }

    /// <summary>Echoes each ping's value into the pong ring at the same sequence.</summary>
    private struct PongHandler(RingBuffer<T> pong, Sequencer sequencer) : IEventHandler<T>
    {
        public void OnEvent(ref T data, long sequence, bool endOfBatch)
        {
            var s = sequencer.Next();
            TValue.Of(ref pong[s]) = TValue.Of(ref data);
            sequencer.Publish(s);
        }

        public void OnBatchStart(long batchSize) { }
        public void OnTimeout(long sequence) { }
        public void OnStart() { }
        public void OnShutdown() { }
    }
}
