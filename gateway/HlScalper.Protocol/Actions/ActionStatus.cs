using HlScalper.Engine.Numbers;

namespace HlScalper.Protocol.Actions;

/// <summary>One entry of an <c>/exchange</c> response's <c>statuses</c>.</summary>
public struct ActionStatus
{
    public ActionStatusKind Kind;
    public long Oid;
    public Sz TotalSz;
    public Px AvgPx;

    /// <summary>The exchange's error text (allocated only for errors).</summary>
    public string? Error;

    public override readonly string ToString() => Kind switch
    {
        ActionStatusKind.Resting => $"resting oid={Oid}",
        ActionStatusKind.Filled => $"filled oid={Oid} {TotalSz}@{AvgPx}",
        ActionStatusKind.Error => $"error: {Error}",
        _ => Kind.ToString(),
    };
}
