namespace HlScalper.Live.Engine;

/// <summary>What the engine thread is handling now, shared with the order sink so an order can be timed from the wire receive of the event that caused it.</summary>
public sealed class TickContext
{
    /// <summary>Stopwatch receive time of the event being handled; 0 for events that did not come off the wire (timer, control).</summary>
    public long ReceiveTimestamp;
}
