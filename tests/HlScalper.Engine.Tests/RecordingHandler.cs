using HlScalper.Engine.Ring;

namespace HlScalper.Engine.Tests;

/// <summary>Records every event it sees (into a preallocated log) and checks the previous pipeline stage ran first.</summary>
public sealed class RecordingLog(int capacity)
{
    public readonly long[] Values = new long[capacity];
    public readonly int[] Producers = new int[capacity];
    public int Count;
    public int StageViolations;
    public long Timeouts;
    public long BatchStarts;
}

/// <param name="stage">Pipeline position from 1; the event must carry stage − 1.</param>
/// <param name="markStage">False for fan-out readers, which share the event and must not write to it.</param>
public struct RecordingHandler(RecordingLog log, int stage, bool markStage = true) : IEventHandler<RingTestEvent>
{
    public void OnEvent(ref RingTestEvent data, long sequence, bool endOfBatch)
    {
        if (data.Stage != stage - 1) log.StageViolations++;
        if (markStage) data.Stage = stage;
        if (log.Count < log.Values.Length)
        {
            log.Values[log.Count] = data.Value;
            log.Producers[log.Count] = data.Producer;
        }
        log.Count++;
    }

    public void OnBatchStart(long batchSize) => log.BatchStarts++;

    public void OnTimeout(long sequence) => log.Timeouts++;

    public void OnStart() { }

    public void OnShutdown() { }
}
