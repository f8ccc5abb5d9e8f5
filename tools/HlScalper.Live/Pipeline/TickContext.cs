namespace HlScalper.Live.Pipeline;

/// <summary>
/// What the engine thread is handling now, shared with the order sink so an order can be timed from the wire receive of the
/// event that caused it. Engine thread only, except <see cref="MeasureFrom"/>.
/// </summary>
public sealed class TickContext
{
    /// <summary>Stopwatch receive time of the event being handled; 0 for events that did not come off the wire (timer, control).</summary>
    public long ReceiveTimestamp;

    /// <summary>Stopwatch time the engine thread started handling the event; set only while <see cref="Latency.PipelineStages"/> are measured.</summary>
    public long HandledTimestamp;

    /// <summary>Stopwatch time the last order frame was signed and handed to the write; set only while <see cref="Latency.PipelineStages"/> are measured.</summary>
    public long SignedTimestamp;

    /// <summary>Exchange time (Unix ms) of the event being handled.</summary>
    public long ExchangeTimeMs;

    /// <summary>Exchange time of the newest book the engine has handled (engine thread writes; any thread may read).</summary>
    public long LastBookExchangeMs;

    /// <summary>
    /// Events received before this Stopwatch timestamp are not timed: a warm-up (JIT, caches) stays out of the histograms.
    /// Written by the run's owner, read by the engine thread.
    /// </summary>
    public long MeasureFrom;

    /// <summary>Whether the event being handled came off the wire inside the measured window.</summary>
    public bool IsMeasured => ReceiveTimestamp != 0 && ReceiveTimestamp >= Volatile.Read(ref MeasureFrom);
}
