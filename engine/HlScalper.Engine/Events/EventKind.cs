namespace HlScalper.Engine.Events;

/// <summary>What a <see cref="MarketEvent"/> slot holds.</summary>
public enum EventKind : byte
{
    None = 0,
    /// <summary>A full L2 snapshot (l2Book): replaces both sides.</summary>
    Book,
    /// <summary>Best bid and offer (bbo): replaces the top of each present side.</summary>
    Bbo,
    /// <summary>One public trade.</summary>
    Trade,
    /// <summary>A change of one of our orders: ack, rest, cancel, reject, fill status.</summary>
    OrderUpdate,
    /// <summary>A fill of one of our orders.</summary>
    Fill,
    /// <summary>A clock tick carrying only the time, so timeouts fire when the market is quiet.</summary>
    Timer,
    /// <summary>An operational signal, see <see cref="ControlCode"/>.</summary>
    Control,
}
