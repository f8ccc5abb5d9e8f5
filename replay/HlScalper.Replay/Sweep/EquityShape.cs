using HlScalper.Engine.Numbers;
using HlScalper.Replay.Metrics;

namespace HlScalper.Replay.Sweep;

/// <summary>What a run's minute equity curve contributes when runs are laid end to end: the sums behind its Sharpe and the levels behind its drawdown.</summary>
/// <remarks>
/// Sessions (one per input of a <c>--per-input</c> sweep, one per out-of-sample window of a walk-forward) are run apart and
/// joined later, possibly on another machine, so the join cannot see the curves: these few numbers suffice. The Sharpe of
/// joined runs is the Sharpe of their one-minute changes pooled (<see cref="BacktestSummary.SharpeMethod"/>); the drawdown
/// is that of the curves placed one after the other, each starting where the one before ended.
/// </remarks>
/// <param name="Changes">One-minute changes in the curve.</param>
/// <param name="ChangeSum">Their sum, USDC.</param>
/// <param name="ChangeSquares">The sum of their squares, USDC².</param>
/// <param name="EndRaw">Equity at the end, relative to the start, raw quote units.</param>
/// <param name="LowRaw">Lowest equity, relative to the start.</param>
/// <param name="HighRaw">Highest equity, relative to the start.</param>
/// <param name="DrawdownRaw">Largest fall from a running peak within the run.</param>
public readonly record struct EquityShape(long Changes, double ChangeSum, double ChangeSquares, long EndRaw, long LowRaw, long HighRaw, long DrawdownRaw)
{
    public static EquityShape Of(IReadOnlyList<EquityPoint> equity)
    {
        if (equity.Count == 0) return default;
        double sum = 0, squares = 0;
        long low = equity[0].EquityRaw, high = low, peak = long.MinValue, drawdown = 0;
        for (var i = 0; i < equity.Count; i++)
        {
            var e = equity[i].EquityRaw;
            (low, high, peak) = (Math.Min(low, e), Math.Max(high, e), Math.Max(peak, e));
            drawdown = Math.Max(drawdown, peak - e);
            if (i == 0) continue;
            var change = Fixed8.ToDouble(e - equity[i - 1].EquityRaw);
            sum += change;
            squares += change * change;
        }
        var start = equity[0].EquityRaw;
        return new EquityShape(equity.Count - 1, sum, squares, equity[^1].EquityRaw - start, low - start, high - start, drawdown);
    }

    /// <summary>As <see cref="BacktestSummary.SharpeOf"/> over the pooled changes.</summary>
    public double Sharpe
    {
        get
        {
            if (Changes < 2) return 0;
            var mean = ChangeSum / Changes;
            var variance = (ChangeSquares - Changes * mean * mean) / (Changes - 1);
            return variance <= 0 ? 0 : mean / Math.Sqrt(variance) * Math.Sqrt(525_600);
        }
    }

    /// <summary>This curve followed by <paramref name="next"/>, which starts where this one ends.</summary>
    public EquityShape Then(EquityShape next)
    {
        // Measured from this curve's start: the later curve's points sit EndRaw higher; a peak of this curve that lies above
        // the later curve's lowest point is a fall across the join.
        var low = Math.Min(LowRaw, EndRaw + next.LowRaw);
        var high = Math.Max(HighRaw, EndRaw + next.HighRaw);
        var drawdown = Math.Max(Math.Max(DrawdownRaw, next.DrawdownRaw), HighRaw - (EndRaw + next.LowRaw));
        return new EquityShape(Changes + next.Changes, ChangeSum + next.ChangeSum, ChangeSquares + next.ChangeSquares, EndRaw + next.EndRaw, low, high, drawdown);
    }
}
