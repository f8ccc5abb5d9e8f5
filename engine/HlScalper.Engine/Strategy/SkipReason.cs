namespace HlScalper.Engine.Strategy;

/// <summary>Why a triggered entry or a wanted cancel was not sent.</summary>
public enum SkipReason : byte
{
    None = 0,
    /// <summary>One tick inside the spread would touch or cross the other side.</summary>
    SpreadTooNarrow,
    /// <summary>The Kelly fraction f* was zero or negative.</summary>
    KellyNotPositive,
    /// <summary>The sized entry was worth less than the exchange minimum.</summary>
    BelowMinNotional,
    /// <summary>A risk guard vetoed the intent (see <see cref="EngineStats.Vetoes"/>).</summary>
    RiskVeto,
    /// <summary>The last entries were refused and their backoff has not run out (<see cref="RefusalBackoff"/>).</summary>
    Backoff,
}
