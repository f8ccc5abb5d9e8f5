using HlScalper.Replay.Metrics;

namespace HlScalper.Replay.Sweep;

/// <summary>One combination's settings and result.</summary>
public sealed record SweepRow(int Combination, string[] Settings, BacktestSummary Summary);
