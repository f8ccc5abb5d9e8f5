using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;

namespace HlScalper.Replay.Exchange;

/// <summary>A resting order inside the simulated exchange, with its queue position.</summary>
internal struct SimOrder
{
    public long Oid;
    public Cloid Cloid;
    public ushort Coin;
    public Side Side;
    public bool ReduceOnly;
    public IntentReason Reason;
    public long PxRaw;
    public long OrigSzRaw;
    public long RemainingRaw;
    public long PlacedMs;
    public bool EverFilled;

    /// <summary>Visible size ahead of us at our level, raw units (queue model).</summary>
    public double QueueAhead;

    /// <summary>The level's visible size at the last book we saw.</summary>
    public long LevelSizeRaw;

    /// <summary>Volume traded at our price since that book, already taken off <see cref="QueueAhead"/>.</summary>
    public double TradedSinceBook;
}
