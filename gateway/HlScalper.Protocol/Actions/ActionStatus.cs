using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;

namespace HlScalper.Protocol.Actions;

/// <summary>One entry of an <c>/exchange</c> response's <c>statuses</c>.</summary>
public struct ActionStatus
{
    public ActionStatusKind Kind;
    public long Oid;
    public Sz TotalSz;
    public Px AvgPx;

    /// <summary>For <see cref="ActionStatusKind.Error"/>: the refusal status its text names (<see cref="Codec.HlRefusalTexts"/>), so the reply path needs no string.</summary>
    public OrderStatus Refusal;

    /// <summary>The exchange's error text: set by <see cref="ExchangeResponse"/> (off the hot path), never by the codec.</summary>
    public string? Error;

    public override readonly string ToString() => Kind switch
    {
        ActionStatusKind.Resting => $"resting oid={Oid}",
        ActionStatusKind.Filled => $"filled oid={Oid} {TotalSz}@{AvgPx}",
        ActionStatusKind.Error => $"error: {Error ?? Refusal.ToString()}",
        _ => Kind.ToString(),
    };
}
