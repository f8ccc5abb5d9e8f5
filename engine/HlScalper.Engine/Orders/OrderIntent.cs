using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;

namespace HlScalper.Engine.Orders;

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
