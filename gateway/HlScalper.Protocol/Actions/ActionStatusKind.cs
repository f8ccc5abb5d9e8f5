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
