using BenchmarkDotNet.Attributes;
using HlScalper.Engine.Ring;

namespace HlScalper.Bench.Ring;

/// <summary>Round-trip latency between two threads over two rings: the benchmark thread pings, a processor thread pongs.</summary>
/// <remarks>1 op = 1 round trip; compare the median with Disruptor-net's ping-pong (0.9–1.9 µs on 2 vCPUs).</remarks>
[Config(typeof(BenchConfig))]
public class RingPingPongBenchmarks
{
    private const int RoundTrips = 10_000;

    [Params("BusySpin", "Yielding")]
    public string Wait { get; set; } = "BusySpin";

    private RingBuffer<SmallEvent> _ping = null!;
    private SingleProducerSequencer _pingSequencer = null!;
    private SingleProducerSequencer _pongSequencer = null!;
    private SequenceBarrier _pongBarrier = null!;
    private Sequence _pongRead = null!;
    private BatchEventProcessor<SmallEvent, PongHandler> _ponger = null!;

    [GlobalSetup]
    public void Setup()
    {
        IWaitStrategy Make() => Wait == "BusySpin" ? new BusySpinWaitStrategy() : new YieldingWaitStrategy();
        _ping = new RingBuffer<SmallEvent>(1024);
        var pong = new RingBuffer<SmallEvent>(1024);
        _pingSequencer = new SingleProducerSequencer(1024, Make());
        _pongSequencer = new SingleProducerSequencer(1024, Make());
        _ponger = new BatchEventProcessor<SmallEvent, PongHandler>(_ping, _pingSequencer.NewBarrier(), new PongHandler(pong, _pongSequencer), name: "ponger");
        _pingSequencer.AddGatingSequences(_ponger.Sequence);
        _pongRead = new Sequence();
        _pongSequencer.AddGatingSequences(_pongRead);
        _pongBarrier = _pongSequencer.NewBarrier();
        _ponger.Start();
    }

    [GlobalCleanup]
    public void Cleanup() => _ponger.Halt();

    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public long PingPong()
    {
        long sum = 0;
        for (var i = 0; i < RoundTrips; i++)
        {
            var s = _pingSequencer.Next();
            _ping[s].Value = s;
            _pingSequencer.Publish(s);
            var reply = _pongBarrier.WaitFor(s);
            if (reply < s) throw new InvalidOperationException("pong barrier alerted");
            _pongRead.SetValue(s);
            sum += reply;
        }
        return sum;
    }

    /// <summary>Echoes each ping into the pong ring at the same sequence.</summary>
    private struct PongHandler(RingBuffer<SmallEvent> pong, SingleProducerSequencer sequencer) : IEventHandler<SmallEvent>
    {
        public void OnEvent(ref SmallEvent data, long sequence, bool endOfBatch)
        {
            var s = sequencer.Next();
            pong[s].Value = data.Value;
            sequencer.Publish(s);
        }

        public void OnBatchStart(long batchSize) { }
        public void OnTimeout(long sequence) { }
        public void OnStart() { }
        public void OnShutdown() { }
    }
}
