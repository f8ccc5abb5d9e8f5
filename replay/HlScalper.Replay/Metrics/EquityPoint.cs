namespace HlScalper.Replay.Metrics;

/// <summary>Account equity change since the start (realised net of fees + unrealised at mid), raw quote units, at a time.</summary>
public readonly record struct EquityPoint(long TimeMs, long EquityRaw);
