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
        });
        Draw(path, drawdown, p => Fixed8.ToDouble(p), title + " drawdown from the running peak", "drawdown, USDC");
    }

    private static void Draw(string path, IEnumerable<EquityPoint> points, Func<long, double> usd, string title, string yLabel)
    {
        var outline = Outline(points);
        var plot = new ScottPlot.Plot();
        if (outline.Count > 0)
        {
            var start = outline[0].TimeMs;
            var line = plot.Add.Scatter(outline.Select(p => (p.TimeMs - start) / 60_000.0).ToArray(), outline.Select(p => usd(p.EquityRaw)).ToArray());
            line.MarkerSize = 0;
            line.LineWidth = 2;
        }
        plot.Title(title);
        plot.XLabel("minutes since start");
        plot.YLabel(yLabel);
        plot.SavePng(path, 1000, 450);
    }

    /// <summary>The points that shape the line: all but those with the value of the points either side, which lie on their segment.</summary>
    /// <remarks>A day-long gap between recordings is 1,440 equal minutes: drawn as one segment it looks the same, and the chart no
    /// longer holds a copy of every minute (~880,000 points, 14 MB a curve, for the two real BTC recordings).</remarks>
    internal static List<EquityPoint> Outline(IEnumerable<EquityPoint> points)
    {
        var outline = new List<EquityPoint>();
        EquityPoint? previous = null, held = null;
        foreach (var next in points)
        {
            if (held is { } h && !(previous is { } b && b.EquityRaw == h.EquityRaw && h.EquityRaw == next.EquityRaw)) outline.Add(h);
            (previous, held) = (held, next);
        }
        if (held is { } last) outline.Add(last);
        return outline;
    }
}
