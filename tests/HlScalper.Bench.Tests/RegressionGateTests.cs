using HlScalper.Bench.Commands;
using HlScalper.Bench.Gate;

namespace HlScalper.Bench.Tests;

/// <summary>The regression gate fails on a slowdown beyond its margin and passes an unchanged tree; judged by ratios, not by this machine's speed.</summary>
public class RegressionGateTests
{
    [TestCase(1.0, 1.19, false)]
    [TestCase(1.0, 1.21, true)]
    [TestCase(2.0, 1.0, false)]
    [TestCase(1.0, 2.0, true)]
    public void A_probe_fails_only_beyond_the_margin(double baseline, double now, bool fails) =>
        Assert.That(new GateResult("p", 10, now, baseline, 0.20).Failed, Is.EqualTo(fails));

    [Test]
    public void A_probe_without_baseline_never_fails() =>
        Assert.That(new GateResult("p", 10, 99, null, 0.20).Failed, Is.False);

    [Test]
    public void Check_passes_against_its_own_fresh_baseline_and_fails_when_the_baseline_ratios_are_divided_by_ten()
    {
        var dir = Directory.CreateTempSubdirectory("gate-");
        try
        {
            var path = Path.Combine(dir.FullName, "baseline.json");
            Assert.That(Run("check", "--quick", "--update-baseline", "--baseline", path), Is.Zero);
            var recorded = GateBaseline.Load(path);
            Assert.That(recorded.Ratios.Keys, Is.SupersetOf(new[] { "px.parse", "book.apply+signals", "ring.publish+consume" }));

            // Ten times the recorded ratios: the code would have to get 10× slower to fail.
            var generous = new GateBaseline { Ratios = new(recorded.Ratios.ToDictionary(kv => kv.Key, kv => kv.Value * 10)) };
            generous.Save(path);
            Assert.That(Run("check", "--quick", "--baseline", path), Is.Zero);

            // A tenth of the recorded ratios is an injected 10× slowdown of every probe.
            var strict = new GateBaseline { Ratios = new(recorded.Ratios.ToDictionary(kv => kv.Key, kv => kv.Value / 10)) };
            strict.Save(path);
            Assert.That(Run("check", "--quick", "--baseline", path), Is.EqualTo(1));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Test]
    public void A_missing_baseline_is_a_clear_error()
    {
        var stderr = new StringWriter();
        var code = BenchCommands.RunAsync(["check", "--quick", "--baseline", "/nonexistent/b.json"], TextWriter.Null, stderr).GetAwaiter().GetResult();
        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr.ToString(), Does.Contain("/nonexistent/b.json").And.Contain("--update-baseline"));
    }

    private static int Run(params string[] args) => BenchCommands.RunAsync(args, TextWriter.Null, TextWriter.Null).GetAwaiter().GetResult();
}
