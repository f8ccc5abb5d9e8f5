using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;

namespace HlScalper.Engine.Orders;

/// <summary>What an order intent asks the exchange to do.</summary>
public enum IntentKind : byte
{
    None = 0,
    Place,
    CancelByCloid,
    Cancel,
    /// <summary>Cancel every working order of the coin (risk: equity stop, kill switch, stale feed, shutdown).</summary>
    CancelAll,
}

/// <summary>Time in force: post-only (add liquidity only), immediate-or-cancel, good-till-cancel.</summary>
public enum Tif : byte
{
    Alo = 0,
    Ioc,
    Gtc,
}

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

/// <summary>An order decision of the engine thread, before it becomes a signed action: a plain struct, no allocation.</summary>
public struct OrderIntent
{
    public IntentKind Kind;
    public Side Side;
    public Tif Tif;
    public bool ReduceOnly;
    public IntentReason Reason;
    public ushort Coin;
    public Px Px;
    public Sz Sz;
    public Cloid Cloid;

    /// <summary>Exchange order id, for <see cref="IntentKind.Cancel"/>.</summary>
    public long Oid;

    /// <summary>Event time (ms) at which the decision was taken.</summary>
    public long DecisionTimeMs;

    public override readonly string ToString() =>
        Kind == IntentKind.Place
            ? $"{Kind} {Side} {Sz}@{Px} {Tif}{(ReduceOnly ? " reduce-only" : "")} {Reason} {Cloid}"
            : $"{Kind} {Cloid} oid={Oid} {Reason}";
}

/// <summary>Where the engine sends its intents: the live order sender, a dry-run log, or the simulated exchange.</summary>
public interface IOrderSink
{
    void Submit(in OrderIntent intent);
}
