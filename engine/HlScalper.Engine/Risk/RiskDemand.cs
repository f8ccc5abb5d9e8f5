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
}
