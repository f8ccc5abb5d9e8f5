namespace HlScalper.Engine.Risk;

/// <summary>What the risk guards require of the strategy right now.</summary>
[Flags]
public enum RiskDemand : byte
{
    None = 0,
    /// <summary>Send no entry.</summary>
    NoEntries = 1,
    /// <summary>Cancel every working order and place no resting one (IOC exits still go).</summary>
    CancelWorking = 2,
    /// <summary>Close the position now with a reduce-only IOC.</summary>
    Flatten = 4,
    /// <summary>Send no exit either: the shutdown's close-out flattens the position itself, and two flatteners would race.</summary>
    HoldPosition = 8,
}
