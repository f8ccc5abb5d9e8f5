using HlScalper.Engine.Numbers;

namespace HlScalper.Replay.Metrics;

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
    /// <remarks>An <see cref="EquityCurve"/> is read a run at a time: a run's repeated points add changes of 0, which move no sum,
    /// so the figures are those of reading it point by point, in a step per run instead of per minute.</remarks>
    public static EquityShape Of(IReadOnlyList<EquityPoint> equity)
    {
        var shape = new Accumulator();
        if (equity is EquityCurve curve)
        {
            for (var r = 0; r < curve.RunCount; r++)
            {
                var (equityRaw, count) = curve.RunAt(r);
                shape.Add(equityRaw, count);
            }
        }
        else
        {
            foreach (var point in equity) shape.Add(point.EquityRaw, 1);
        }
        return shape.Result;
    }

    /// <summary>The sums of a curve fed in order, a level and how many points in a row hold it.</summary>
    private struct Accumulator
    {
        private long _points, _start, _previous, _low, _high, _peak, _drawdown;
        private double _sum, _squares;

        public void Add(long equityRaw, int repeats)
        {
            if (_points == 0) (_start, _low, _high, _peak) = (equityRaw, equityRaw, equityRaw, equityRaw);
            else
            {
                var change = Fixed8.ToDouble(equityRaw - _previous);
                _sum += change;
                _squares += change * change;
            }
            (_low, _high, _peak) = (Math.Min(_low, equityRaw), Math.Max(_high, equityRaw), Math.Max(_peak, equityRaw));
            _drawdown = Math.Max(_drawdown, _peak - equityRaw);
            _previous = equityRaw;
            _points += repeats;
        }

        public readonly EquityShape Result =>
            _points == 0 ? default : new EquityShape(_points - 1, _sum, _squares, _previous - _start, _low - _start, _high - _start, _drawdown);
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
