using HlScalper.Replay.Metrics;

namespace HlScalper.Replay.Sweep;

/// <summary>One combination's settings and result, over one input (<see cref="Input"/>, 0 when the inputs were merged) or all of them joined.</summary>
/// <param name="Shape">The run's equity curve in brief, so runs over several inputs can be joined (<see cref="SessionTotals"/>).</param>
public sealed record SweepRow(int Combination, string[] Settings, BacktestSummary Summary, EquityShape Shape = default, int Input = 0);
