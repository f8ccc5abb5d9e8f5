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

/// <summary>Operational signals delivered through the ring so the engine thread stays the only writer of its state.</summary>
public enum ControlCode : byte
{
    None = 0,
    /// <summary>The feed reconnected: the book is not trusted until the next full snapshot.</summary>
    FeedReset,
    /// <summary>The feed has been silent past the stale threshold.</summary>
    FeedStale,
    /// <summary>The dead-man refresh (scheduleCancel) failed; <see cref="MarketEvent.Value"/> = failures in a row.</summary>
    DeadManFailed,
    /// <summary>The dead-man refresh succeeded again.</summary>
    DeadManOk,
    /// <summary>The operator pulled the kill switch: cancel everything, no new entries.</summary>
    KillSwitch,
    /// <summary>Account equity from the exchange; <see cref="MarketEvent.Value"/> = equity in raw fixed-point.</summary>
    Equity,
    /// <summary>Shut down cleanly: cancel working orders.</summary>
    Shutdown,
    /// <summary>
    /// The account as the exchange reported it (start-up recovery, resync after a reconnect), after one
    /// <see cref="EventFlags.Snapshot"/> order update per working order of ours, all stamped with the time the snapshot was
    /// taken: <see cref="MarketEvent.StartPosition"/> = signed position, <see cref="MarketEvent.Px"/> = its entry price,
    /// <see cref="MarketEvent.Tid"/> = when it opened (ms).
    /// </summary>
    AccountSync,
    /// <summary>The order channel (the WebSocket the orders go out on) is connected again: what waited for it may go now.</summary>
    OrderChannelUp,
}

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
