using HlScalper.Engine.Orders;

namespace HlScalper.Live.Pipeline;

/// <summary>One order intent as the engine submitted it, with the wall-clock time (Unix ms) it left.</summary>
public struct SubmittedIntent
{
    public OrderIntent Intent;
    public long SentUtcMs;
}
