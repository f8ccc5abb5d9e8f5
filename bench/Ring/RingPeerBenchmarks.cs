using System.Collections.Concurrent;
using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using HlScalper.Engine.Ring;

namespace HlScalper.Bench.Ring;

/// <summary>The ring's one-to-one peers from the BCL, same threads and pinning: System.Threading.Channels (bounded, single reader/writer) and BlockingCollection, carrying a <c>long</c>.</summary>
/// <remarks>1 op = 1 item; compare with <see cref="RingThroughputBenchmarks{T, TValue}"/> at 16 bytes, yielding (both readers back off the same way).</remarks>
[Config(typeof(RingBenchConfig))]
public class RingPeerBenchmarks
{
    private const int Items = 1 << 18;
    private const int Capacity = 1 << 16;

    private Channel<long> _channel = null!;
    private BlockingCollection<long> _blocking = null!;
    private Thread _reader = null!;
    private long _sum;
    private long _target;

    // Each peer's reader exists only in its own benchmark's process: an idle reader spinning beside
    // the other's two threads would take a core from them on a 2-core machine.
    [GlobalSetup(Target = nameof(Channel_bounded_spsc))]
    public void SetupChannel()
    {
        RingBench.PinProducer();
        _channel = Channel.CreateBounded<long>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        StartReader("channel-reader", () =>
        {
            var reader = _channel.Reader;
            var spinner = new SpinWait();
            while (true)
            {
                if (reader.TryRead(out var v))
                {
                    if (v < 0) return;
                    Volatile.Write(ref _sum, _sum + v);
                    spinner = default;
                }
                else spinner.SpinOnce(-1);
            }
        });
    }

    [GlobalSetup(Target = nameof(BlockingCollection_bounded))]
    public void SetupBlockingCollection()
    {
        RingBench.PinProducer();
        _blocking = new BlockingCollection<long>(new ConcurrentQueue<long>(), Capacity);
        StartReader("blocking-reader", () =>
        {
            foreach (var v in _blocking.GetConsumingEnumerable()) Volatile.Write(ref _sum, _sum + v);
        });
    }

    private void StartReader(string name, Action read)
    {
        _reader = new Thread(() =>
        {
            if (ThreadAffinity.TryPinCurrentThread(RingBench.ConsumerCpu) is { } why) Console.WriteLine($"// {name}: {why}");
            read();
        }) { IsBackground = true, Name = name };
        _reader.Start();
    }

    [GlobalCleanup(Target = nameof(Channel_bounded_spsc))]
    public void CleanupChannel()
    {
        while (!_channel.Writer.TryWrite(-1)) Thread.Yield();
        _reader.Join();
    }

    [GlobalCleanup(Target = nameof(BlockingCollection_bounded))]
    public void CleanupBlockingCollection()
    {
        _blocking.CompleteAdding();
        _reader.Join();
    }

    [Benchmark(OperationsPerInvoke = Items)]
    public long Channel_bounded_spsc()
    {
        _target += Items;
        var writer = _channel.Writer;
        for (var i = 0; i < Items; i++)
        {
            while (!writer.TryWrite(1)) Thread.SpinWait(1);
        }
        return AwaitSum();
    }

    [Benchmark(OperationsPerInvoke = Items)]
    public long BlockingCollection_bounded()
    {
        _target += Items;
        for (var i = 0; i < Items; i++) _blocking.Add(1);
        return AwaitSum();
    }

    private long AwaitSum()
    {
        var spinner = new SpinWait();
        while (Volatile.Read(ref _sum) < _target) spinner.SpinOnce(-1);
        return _sum == _target ? _sum : throw new InvalidOperationException($"lost or doubled items: sum {_sum}, expected {_target}");
    }
}
