using HlScalper.Engine.Numbers;
using HlScalper.Replay.Metrics;

namespace HlScalper.Replay.Reports;

/// <summary>Draws the equity and drawdown curves to PNGs with ScottPlot (headless, no display needed).</summary>
public static class EquityChart
{
    public static void Save(string path, IReadOnlyList<EquityPoint> equity, string title) =>
        Draw(path, equity, p => Fixed8.ToDouble(p), title + " (mark-to-market, net of fees)", "equity change, USDC");

    /// <summary>How far equity stood below its running peak at each sample (0 at a new high).</summary>
    public static void SaveDrawdown(string path, IReadOnlyList<EquityPoint> equity, string title)
    {
        var peak = long.MinValue;
        var drawdown = equity.Select(p =>
        {
            peak = Math.Max(peak, p.EquityRaw);
            return p with { EquityRaw = p.EquityRaw - peak };
        }).ToList();
        Draw(path, drawdown, p => Fixed8.ToDouble(p), title + " drawdown from the running peak", "drawdown, USDC");
    }

    private static void Draw(string path, IReadOnlyList<EquityPoint> points, Func<long, double> usd, string title, string yLabel)
    {
        var plot = new ScottPlot.Plot();
        if (points.Count > 0)
        {
            var start = points[0].TimeMs;
            var line = plot.Add.Scatter(points.Select(p => (p.TimeMs - start) / 60_000.0).ToArray(), points.Select(p => usd(p.EquityRaw)).ToArray());
            line.MarkerSize = 0;
            line.LineWidth = 2;
        }
        plot.Title(title);
        plot.XLabel("minutes since start");
        plot.YLabel(yLabel);
        plot.SavePng(path, 1000, 450);
    }
}
