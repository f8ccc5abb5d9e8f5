using HlScalper.Engine.Ring;

namespace HlScalper.Bench.Ring;

/// <summary>Adds each event's value to a <see cref="Counter"/>: the work per event of every ring benchmark.</summary>
public struct SummingHandler<T, TValue>(Counter counter) : IEventHandler<T>
    where T : struct
    where TValue : IEventValue<T>
{
    public void OnEvent(ref T data, long sequence, bool endOfBatch) => counter.Sum += TValue.Of(ref data);
    public void OnBatchStart(long batchSize) { }
    public void OnTimeout(long sequence) { }
    public void OnStart() { }
    public void OnShutdown() { }
}
