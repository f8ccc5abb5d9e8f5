using HlScalper.Engine.Orders;

namespace HlScalper.Live.Pipeline;

/// <summary>One order intent as the engine submitted it, with the wall-clock time (Unix ms) and the Stopwatch timestamp it left.</summary>
public struct SubmittedIntent
{
    public OrderIntent Intent;
    public long SentUtcMs;

    /// <summary>Stopwatch timestamp when the engine handed the intent to the order path, before its frame was written (0 when not
    /// timed): the start of the order round trip, so every answer to the order arrives after it.</summary>
    public long SentTimestamp;
}
