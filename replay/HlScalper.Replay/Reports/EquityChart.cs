using HlScalper.Engine.Numbers;
using HlScalper.Replay.Metrics;

namespace HlScalper.Replay.Reports;

/// <summary>Draws the equity curve to a PNG with ScottPlot (headless, no display needed).</summary>
public static class EquityChart
{
    public static void Save(string path, IReadOnlyList<EquityPoint> equity, string title)
    {
        var plot = new ScottPlot.Plot();
        if (equity.Count > 0)
        {
            var start = equity[0].TimeMs;
            var minutes = equity.Select(p => (p.TimeMs - start) / 60_000.0).ToArray();
            var usd = equity.Select(p => Fixed8.ToDouble(p.EquityRaw)).ToArray();
            var line = plot.Add.Scatter(minutes, usd);
            line.MarkerSize = 0;
            line.LineWidth = 2;
        }
        plot.Title(title);
        plot.XLabel("minutes since start");
        plot.YLabel("equity change, USDC (mark-to-market, net of fees)");
        plot.SavePng(path, 1000, 450);
    }
}
