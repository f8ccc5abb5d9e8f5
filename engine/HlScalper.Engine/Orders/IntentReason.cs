namespace HlScalper.Engine.Orders;

/// <summary>Why the strategy or a guard emitted an intent; reported per trade and in logs.</summary>
public enum IntentReason : byte
{
    None = 0,
    Entry,
    TakeProfit,
    TimeoutExit,
    AdverseExit,
    EntryStale,
    EntryTimeout,
    EquityStop,
    StaleFeed,
    KillSwitch,
    Shutdown,
    Recovery,
    /// <summary>Cancels what is left of an entry once part of it filled: one slot never holds a position and a working entry.</summary>
    EntryRemainder,
}
