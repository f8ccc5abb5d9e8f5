namespace HlScalper.Replay.Data;

/// <summary>One asset-context row of a coin: at <see cref="TimeMs"/> the hourly funding rate was <see cref="Rate"/> (0.0000125 = 0.00125 % an hour) with the oracle price <see cref="OraclePx"/> (0 when the row had none).</summary>
public readonly record struct FundingPoint(long TimeMs, decimal Rate, decimal OraclePx);
