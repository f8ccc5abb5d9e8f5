namespace HlScalper.Engine.Risk;

/// <summary>Limits of the risk guards; defaults are the playbook's safety rails (§3 throttle, §7).</summary>
public sealed class RiskConfig
{
    /// <summary>Account equity in USDC assumed until the first equity report.</summary>
    public double StartingEquityUsd { get; set; } = 10_000;

    /// <summary>Largest absolute position notional an entry may lead to, in USDC; larger entries are shrunk.</summary>
    public double MaxPositionNotionalUsd { get; set; } = 1_000;

    /// <summary>Entries are vetoed while this many of our orders are live.</summary>
    public int MaxOpenOrders { get; set; } = 2;

    /// <summary>Cancels allowed in any rolling second (the exchange's limit).</summary>
    public int MaxCancelsPerSecond { get; set; } = 10;

    /// <summary>Intraday drawdown from the day's equity peak that triggers the equity stop (0.02 = 2 %).</summary>
    public double MaxDrawdownFraction { get; set; } = 0.02;

    /// <summary>No book update for longer than this marks the feed stale.</summary>
    public long StaleFeedMs { get; set; } = 3_000;

    /// <summary>An alarm is raised when the dead-man refresh has failed more than this many times in a row.</summary>
    public int DeadManFailuresBeforeAlarm { get; set; } = 2;
}
