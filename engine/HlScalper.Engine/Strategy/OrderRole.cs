namespace HlScalper.Engine.Strategy;

/// <summary>What one of the slot runner's orders is for.</summary>
public enum OrderRole : byte
{
    None = 0,
    Entry,
    TakeProfit,
    /// <summary>A reduce-only IOC closing the position (timeout, adverse move, equity stop, crossed take-profit).</summary>
    Exit,
}
