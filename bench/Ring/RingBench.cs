using System.Runtime.CompilerServices;
using HlScalper.Engine.Ring;

namespace HlScalper.Bench.Ring;

/// <summary>What the ring suites share: thread placement, ring sizes, wait strategies by name.</summary>
public static class RingBench
{
    /// <summary>The benchmark (producer) thread's CPU.</summary>
    public const int ProducerCpu = 0;

    /// <summary>Every consumer thread's CPU.</summary>
    public const int ConsumerCpu = 1;

    /// <summary>The engine's own ring (4,096 slots, 4.4 MB) for <c>MarketEvent</c>-sized slots; 65,536 for small ones.</summary>
    public static int RingSize<T>() where T : struct => Unsafe.SizeOf<T>() > 64 ? 4096 : 1 << 16;

    public static IWaitStrategy Wait(string name) => name == "BusySpin" ? new BusySpinWaitStrategy() : new YieldingWaitStrategy();

    /// <summary>Pins the calling (benchmark) thread to the producer CPU; says so on the console when it cannot.</summary>
    public static void PinProducer()
    {
        if (ThreadAffinity.TryPinCurrentThread(ProducerCpu) is { } why) Console.WriteLine($"// producer: {why}");
    }

    public static void StartConsumer<T, THandler>(BatchEventProcessor<T, THandler> processor)
        where T : struct
        where THandler : struct, IEventHandler<T> =>
        processor.Start(ConsumerCpu, m => Console.WriteLine($"// {m}"));

    /// <summary>Throws unless <paramref name="counter"/> reached <paramref name="expected"/>: a benchmark that lost events reports nothing.</summary>
    public static long Check(Counter counter, long expected) =>
        counter.Sum == expected ? expected : throw new InvalidOperationException($"the ring lost events: sum {counter.Sum}, expected {expected}");
}
