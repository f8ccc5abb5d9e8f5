using HlScalper.Engine.Numbers;

namespace HlScalper.Protocol.Actions;

/// <summary>What happened to one order or cancel of an action.</summary>
public enum ActionStatusKind : byte
{
    /// <summary>The order rests on the book (<see cref="ActionStatus.Oid"/>).</summary>
    Resting,
    /// <summary>The order filled at once (<see cref="ActionStatus.Oid"/>, total size, average price).</summary>
    Filled,
    /// <summary>The cancel succeeded.</summary>
    Success,
    /// <summary>A trigger order waits for its trigger or fill.</summary>
    Waiting,
    /// <summary>Refused; <see cref="ActionStatus.Error"/> says why.</summary>
    Error,
}

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
