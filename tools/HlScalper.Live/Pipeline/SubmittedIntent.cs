using HlScalper.Engine.Orders;

namespace HlScalper.Live.Pipeline;

/// <summary>One order intent as the engine submitted it, with the wall-clock time (Unix ms) and the Stopwatch timestamp it left.</summary>
public struct SubmittedIntent
{
    public OrderIntent Intent;
    public long SentUtcMs;

    /// <summary>Stopwatch timestamp of the send (0 when not timed): the start of the order round trip.</summary>
    public long SentTimestamp;
}
