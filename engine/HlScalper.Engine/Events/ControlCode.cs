namespace HlScalper.Engine.Events;

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
    /// <summary>Shut down cleanly: cancel working orders, enter no more; <see cref="MarketEvent.Value"/> = 1 when the close-out flattens
    /// the position, and the engine then sends no exit of its own.</summary>
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
    /// <summary>Frames of other threads (subscriptions, pings, posts) wait for the order writer, the only thread that writes the order socket: flush them.</summary>
    SendQueued,
}
