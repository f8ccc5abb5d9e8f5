using HlScalper.Engine.Ring;

namespace HlScalper.Bench.Ring;

/// <summary>Sums event values; the sum is checked so the benchmark proves it moved every event.</summary>
public sealed class Counter
{
    public long Sum;
}

public struct CountingHandler(Counter counter) : IEventHandler<SmallEvent>
{
    public void OnEvent(ref SmallEvent data, long sequence, bool endOfBatch) => counter.Sum += data.Value;
    public void OnBatchStart(long batchSize) { }
    public void OnTimeout(long sequence) { }
    public void OnStart() { }
    public void OnShutdown() { }
}
