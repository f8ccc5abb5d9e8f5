namespace HlScalper.Replay.Gate;

/// <summary>One stored back-test result of the nightly gate's history: when, its Sharpe ratio and trade count, and what it ran on.</summary>
public readonly record struct GateRecord(DateTimeOffset Utc, double Sharpe, long Trades, string Source);
