using System.Collections.Concurrent;
using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using HlScalper.Engine.Ring;

namespace HlScalper.Bench.Ring;

/// <summary>One producer, one consumer thread: events per second through the ring, unbatched and in batches of 10, beside System.Threading.Channels (bounded, single reader/writer) and BlockingCollection.</summary>
/// <remarks>1 op = 1 event: events/s = 10⁹ / (ns/op).</remarks>
[Config(typeof(BenchConfig))]
public class RingThroughputBenchmarks
{
    private const int Events = 1 << 20;
    private const int RingSize = 1 << 16;

    [Params("BusySpin", "Yielding")]
    public string Wait { get; set; } = "Yielding";

    private RingBuffer<SmallEvent> _ring = null!;
    private SingleProducerSequencer _sequencer = null!;
    private BatchEventProcessor<SmallEvent, CountingHandler> _processor = null!;
    private Counter _counter = null!;
    private Channel<long> _channel = null!;
    private Thread _channelReader = null!;
    private long _channelSum;
    private long _channelTarget;
    private BlockingCollection<long> _blocking = null!;
    private Thread _blockingReader = null!;
    private long _blockingSum;
    private long _blockingTarget;

    // Each peer's consumer thread exists only in its own benchmark's process: an idle reader spinning
    // beside the ring's two threads would take a core from them on a 2-core machine.
    [GlobalSetup(Targets = [nameof(Ring_unbatched), nameof(Ring_batch10)])]
    public void SetupRing()
    {
        IWaitStrategy wait = Wait == "BusySpin" ? new BusySpinWaitStrategy() : new YieldingWaitStrategy();
        _ring = new RingBuffer<SmallEvent>(RingSize);
        _sequencer = new SingleProducerSequencer(RingSize, wait);
        _counter = new Counter();
        _processor = new BatchEventProcessor<SmallEvent, CountingHandler>(_ring, _sequencer.NewBarrier(), new CountingHandler(_counter), name: "bench-consumer");
        _sequencer.AddGatingSequences(_processor.Sequence);
        _processor.Start();
    }

    [GlobalSetup(Target = nameof(Channel_bounded_spsc))]
    public void SetupChannel()
    {
        _channel = Channel.CreateBounded<long>(new BoundedChannelOptions(RingSize) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        _channelReader = new Thread(() =>
        {
            var reader = _channel.Reader;
            var spinner = new SpinWait();
            while (true)
            {
                if (reader.TryRead(out var v))
                {
                    if (v < 0) return;
                    Volatile.Write(ref _channelSum, _channelSum + v);
                    spinner = default;
                }
                else if (Wait == "BusySpin") Thread.SpinWait(1);
                else spinner.SpinOnce(-1);
            }
        }) { IsBackground = true, Name = "channel-reader" };
        _channelReader.Start();
    }

    [GlobalSetup(Target = nameof(BlockingCollection_bounded))]
    public void SetupBlockingCollection()
    {
        _blocking = new BlockingCollection<long>(new ConcurrentQueue<long>(), RingSize);
        _blockingReader = new Thread(() =>
        {
            foreach (var v in _blocking.GetConsumingEnumerable()) Volatile.Write(ref _blockingSum, _blockingSum + v);
        }) { IsBackground = true, Name = "blocking-reader" };
        _blockingReader.Start();
    }

    [GlobalCleanup(Targets = [nameof(Ring_unbatched), nameof(Ring_batch10)])]
    public void CleanupRing() => _processor.Halt();

    [GlobalCleanup(Target = nameof(Channel_bounded_spsc))]
    public void CleanupChannel()
    {
        while (!_channel.Writer.TryWrite(-1)) Thread.Yield();
        _channelReader.Join();
    }

    [GlobalCleanup(Target = nameof(BlockingCollection_bounded))]
    public void CleanupBlockingCollection()
    {
        _blocking.CompleteAdding();
        _blockingReader.Join();
    }

    [Benchmark(OperationsPerInvoke = Events, Baseline = true)]
    public long Ring_unbatched()
    {
        var expected = _counter.Sum + Events;
        long last = 0;
        for (var i = 0; i < Events; i++)
        {
            last = _sequencer.Next();
            _ring[last].Value = 1;
            _sequencer.Publish(last);
        }
        _processor.WaitUntilConsumed(last);
        return Check(expected);
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
            for (var s = hi - n + 1; s <= hi; s++) _ring[s].Value = 1;
            _sequencer.Publish(hi - n + 1, hi);
        }
        _processor.WaitUntilConsumed(hi);
        return Check(expected);
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long Channel_bounded_spsc()
    {
        _channelTarget += Events;
        var writer = _channel.Writer;
        for (var i = 0; i < Events; i++)
        {
            while (!writer.TryWrite(1)) Thread.SpinWait(1);
        }
        var spinner = new SpinWait();
        while (Volatile.Read(ref _channelSum) < _channelTarget) spinner.SpinOnce(-1);
        return _channelSum;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long BlockingCollection_bounded()
    {
        _blockingTarget += Events;
        for (var i = 0; i < Events; i++) _blocking.Add(1);
        var spinner = new SpinWait();
        while (Volatile.Read(ref _blockingSum) < _blockingTarget) spinner.SpinOnce(-1);
        return _blockingSum;
    }

    private long Check(long expected) =>
        _counter.Sum == expected ? expected : throw new InvalidOperationException($"ring lost events: sum {_counter.Sum}, expected {expected}");
}
