using HlScalper.Engine.Numbers;
using HlScalper.Replay.Metrics;

namespace HlScalper.Replay.Sweep;

/// <summary>One summary for runs made apart and read as one account that ran them one after the other: inputs of a <c>--per-input</c> sweep, out-of-sample windows of a walk-forward.</summary>
/// <remarks>
/// Money and counts add up; hit rate and mean hold are weighted by trades; fill ratio is recomputed from the orders; Sharpe
/// and drawdown come from the joined <see cref="EquityShape"/>s. Sessions are taken in the order given (the inputs' order,
/// the folds' order), so equal sessions give a byte-identical total wherever it is computed. One session is returned as it is.
/// </remarks>
public static class SessionTotals
{
    public static (BacktestSummary Summary, EquityShape Shape) Combine(IReadOnlyList<(BacktestSummary Summary, EquityShape Shape)> sessions)
    {
        if (sessions.Count == 0) return (Empty, default);
        if (sessions.Count == 1) return sessions[0];
        var shape = sessions[0].Shape;
        for (var i = 1; i < sessions.Count; i++) shape = shape.Then(sessions[i].Shape);
        double net = 0, gross = 0, fees = 0, makerFees = 0, funding = 0, filled = 0, makerNotional = 0, wins = 0, hold = 0;
        long trades = 0, entries = 0, fills = 0, cancels = 0, makerFills = 0, takerFills = 0, placed = 0, ordersFilled = 0, rejects = 0;
        foreach (var (s, _) in sessions)
        {
            (net, gross, fees, makerFees, funding) = (net + s.NetPnl, gross + s.GrossPnl, fees + s.Fees, makerFees + s.MakerFees, funding + s.Funding);
            (filled, makerNotional) = (filled + s.FilledNotional, makerNotional + s.MakerNotional);
            wins += Math.Round(s.HitRate * s.Trades);
            hold += s.MeanHoldSeconds * s.Trades;
            (trades, entries, fills, cancels) = (trades + s.Trades, entries + s.Entries, fills + s.Fills, cancels + s.Cancels);
            (makerFills, takerFills, placed, ordersFilled, rejects) = (makerFills + s.MakerFills, takerFills + s.TakerFills, placed + s.OrdersPlaced, ordersFilled + s.OrdersFilled, rejects + s.Rejects);
        }
        var summary = new BacktestSummary(
            net, gross, fees, shape.Sharpe,
            trades == 0 ? 0 : wins / trades,
            trades == 0 ? 0 : hold / trades,
            Fixed8.ToDouble(shape.DrawdownRaw),
            trades, entries, fills, cancels,
            placed == 0 ? 0 : (double)ordersFilled / placed,
            makerFees, makerFills, takerFills, placed, ordersFilled, rejects, filled, makerNotional, funding);
        return (summary, shape);
    }

    private static BacktestSummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
