using System.Globalization;

namespace HlScalper.Replay.Gate;

/// <summary>What the nightly gate decided and from what: today's Sharpe and trades, the baseline median and the threshold (null without a baseline).</summary>
public sealed record GateVerdict(GateOutcome Outcome, double Sharpe, long Trades, double? Median, double? Threshold, int Baseline, string Reason)
{
    /// <summary>One line for stdout and the CI log: <c>gate: pass|fail sharpe=… trades=… median=… threshold=… baseline=N reason="…"</c>.</summary>
    public string Line => string.Format(CultureInfo.InvariantCulture, "gate: {0} sharpe={1:0.####} trades={2} median={3} threshold={4} baseline={5} reason=\"{6}\"",
        Outcome == GateOutcome.Pass ? "pass" : "fail", Sharpe, Trades, Median?.ToString("0.####", CultureInfo.InvariantCulture) ?? "none",
        Threshold?.ToString("0.####", CultureInfo.InvariantCulture) ?? "none", Baseline, Reason);
}
