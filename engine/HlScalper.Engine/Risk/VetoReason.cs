namespace HlScalper.Engine.Risk;

/// <summary>Why the risk guards refused or shrank an intent.</summary>
public enum VetoReason : byte
{
    None = 0,
    /// <summary>Entries are halted (stale feed, dead-man failing, kill switch, equity stop, shutdown, untrusted book).</summary>
    EntriesHalted,
    MaxOpenOrders,
    /// <summary>The entry would push the position past the notional cap; counted when shrunk, vetoed when nothing valid is left.</summary>
    MaxPositionNotional,
    /// <summary>No cancel token left in the rolling second.</summary>
    CancelThrottle,
    /// <summary>A reduce-only order larger than the position, or with no position to reduce.</summary>
    ReduceOnlyTooLarge,
    /// <summary>The engine stopped after the equity stop: nothing more is sent.</summary>
    Stopped,
}
