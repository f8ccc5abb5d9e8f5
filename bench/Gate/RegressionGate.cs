namespace HlScalper.Bench.Gate;

/// <summary>Runs the probes, expresses each as a ratio to the reference workload timed alongside it, and compares with the baseline.</summary>
public sealed class RegressionGate(IReadOnlyList<GateProbe> probes, double margin = 0.20, int samples = 15)
{
    /// <summary>Default location of the committed baseline, relative to the repository root.</summary>
    public const string BaselinePath = "bench/Gate/baseline.json";

    public IReadOnlyList<GateResult> Measure(bool quick, GateBaseline? baseline, Action<string>? progress = null)
    {
        var results = new List<GateResult>();
        foreach (var probe in probes)
        {
            var ops = quick ? Math.Max(1, probe.OpsPerSample / 10) : probe.OpsPerSample;
            // The reference is re-timed right beside each probe so drift (turbo, a noisy neighbour) hits both.
            var reference = QuickTimer.NsPerOp(ReferenceWorkload.Probe.Run, ReferenceWorkload.Probe.OpsPerSample * 10, samples);
            var ns = QuickTimer.NsPerOp(probe.Run, ops, samples);
            var ratio = ns / reference;
            double? baselineRatio = baseline is not null && baseline.Ratios.TryGetValue(probe.Name, out var b) ? b : null;
            var result = new GateResult(probe.Name, ns, ratio, baselineRatio, margin);
            results.Add(result);
            progress?.Invoke(Describe(result));
        }
        return results;
    }

    public static GateBaseline ToBaseline(IEnumerable<GateResult> results) => new()
    {
        Machine = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}",
        RecordedUtc = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        Ratios = new SortedDictionary<string, double>(results.ToDictionary(r => r.Name, r => Math.Round(r.Ratio, 4))),
    };

    public static string Describe(GateResult r)
    {
        var change = r.Change is { } c ? ((c - 1) * 100).ToString("+0.0;-0.0", System.Globalization.CultureInfo.InvariantCulture).PadLeft(7) + " %" : "    new  ";
        var verdict = r.BaselineRatio is null ? "no baseline" : r.Failed ? $"FAIL (> +{r.Margin * 100:0} %)" : "ok";
        return $"{r.Name,-28} {r.NsPerOp,10:0.0} ns/op  ratio {r.Ratio,8:0.000}  {change}  {verdict}";
    }
}
