namespace HlScalper.Replay.Gate;

/// <summary>
/// The nightly back-test gate (brief: "fail if Sharpe drops more than 20 % vs the 7-day median"): today's Sharpe against the median
/// of the last stored results. It fails when today's is below <c>median − maxDrop · |median|</c>, so a negative median is judged
/// the same way (a further 20 % below it fails), and when the back-test closed too few trades for its Sharpe to mean anything.
/// </summary>
public static class SharpeGate
{
    /// <summary>The stored results the median is taken over.</summary>
    public const int Window = 7;

    public const double MaxDrop = 0.20;

    /// <param name="history">Stored results, oldest first; the newest <paramref name="window"/> are used.</param>
    /// <param name="minTrades">Fewer closed trades than this and the Sharpe ratio is noise: the gate fails, saying so.</param>
    public static GateVerdict Judge(double sharpe, long trades, IReadOnlyList<GateRecord> history, int minTrades, double maxDrop = MaxDrop, int window = Window)
    {
        var baseline = history.Skip(Math.Max(0, history.Count - window)).Select(r => r.Sharpe).ToList();
        if (!double.IsFinite(sharpe))
            return new GateVerdict(GateOutcome.Fail, sharpe, trades, null, null, baseline.Count, "the Sharpe ratio is not a number");
        if (trades < minTrades)
            return new GateVerdict(GateOutcome.Fail, sharpe, trades, null, null, baseline.Count, $"{trades} trades, fewer than the {minTrades} a Sharpe ratio needs");
        if (baseline.Count == 0)
            return new GateVerdict(GateOutcome.Pass, sharpe, trades, null, null, 0, "no stored results yet: this one becomes the baseline");
        var median = Median(baseline);
        var threshold = median - maxDrop * Math.Abs(median);
        return sharpe < threshold
            ? new GateVerdict(GateOutcome.Fail, sharpe, trades, median, threshold, baseline.Count, $"Sharpe dropped more than {maxDrop:P0} below the median of the last {baseline.Count}")
            : new GateVerdict(GateOutcome.Pass, sharpe, trades, median, threshold, baseline.Count, $"within {maxDrop:P0} of the median of the last {baseline.Count}");
    }

    /// <summary>The middle value; the mean of the two middle ones for an even count.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
