namespace HlScalper.Engine.Events;

/// <summary>Bit flags carried by order updates, fills and books.</summary>
[Flags]
public enum EventFlags : byte
{
    None = 0,
    ReduceOnly = 1,
    /// <summary>On a fill: the taker side. On a book or BBO: the best bid is at or above the best ask, as the exchange sent it (the codec publishes such a book flagged instead of dropping it).</summary>
    Crossed = 2,
    /// <summary>Part of a subscription's initial snapshot (history, not news).</summary>
    Snapshot = 4,
    HasCloid = 8,
}
