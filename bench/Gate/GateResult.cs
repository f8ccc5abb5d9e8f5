namespace HlScalper.Bench.Gate;

/// <summary>One probe's verdict: its ratio to the reference now and in the baseline.</summary>
public sealed record GateResult(string Name, double NsPerOp, double Ratio, double? BaselineRatio, double Margin)
{
    /// <summary>Current ratio over baseline ratio: 1.25 = 25 % slower than when the baseline was recorded.</summary>
    public double? Change => BaselineRatio is { } b && b > 0 ? Ratio / b : null;

    public bool Failed => Change > 1 + Margin;
}
