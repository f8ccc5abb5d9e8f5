using HlScalper.Testing;
using static HlScalper.Bench.Tests.BenchRun;

namespace HlScalper.Bench.Tests;

/// <summary><c>bench sweepscale</c>: one and two workers sweep the real recording in alternated rounds, print each round and the summary, agree on the rows, and refuse bad input with a clear error.</summary>
public class SweepScaleCommandTests
{
    private const string SmallGrid = "tp_ticks=2,6;imbalance=0.55,0.65";

    [Test]
    public void Two_rounds_on_the_real_recording_print_the_warm_up_each_round_and_the_median_ratio()
    {
        var recording = SharedData.PathOf("data/hyperliquid/derived_ws_20250904/BTC.lz4");
        var (code, stdout, stderr) = Run("sweepscale", "--input", recording, "--grid", SmallGrid, "--rounds", "2");
        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("10,460 events, 4 combinations, fixed: prior_n=1000000; 2 rounds"));
        Assert.That(stdout, Does.Match(@"warm-up, the process's first sweep \(as a CLI run's\): -j 2 in \d+\.\d\d s \(CPU \d+\.\d\d s\), the JIT compiled [\d,]+ methods in \d+\.\d\d s"));
        Assert.That(stdout, Does.Match(@"round +1: -j 1 +\d+\.\d\d s \(CPU \d+\.\d\d s\), -j 2 +\d+\.\d\d s \(CPU \d+\.\d\d s\), \d+\.\d\d×; JIT \d+ methods"));
        Assert.That(stdout, Does.Match(@"round +2: -j 1"));
        Assert.That(stdout, Does.Not.Match(@"round +3:"));
        Assert.That(stdout, Does.Match(@"median of the rounds' ratios \d+\.\d\d×.*, \d of 2 rounds at or above 1\.8×; the same ranked rows at both"));
    }

    [Test]
    public void A_missing_recording_is_named_in_the_error()
    {
        var (code, stdout, stderr) = Run("sweepscale", "--input", "/nonexistent/BTC.lz4", "--grid", SmallGrid);
        Assert.That((code, stdout), Is.EqualTo((1, "")));
        Assert.That(stderr, Does.StartWith("bench sweepscale: ").And.Contain("/nonexistent/BTC.lz4"));
    }

    [TestCase("--grid", "tp_ticks", "tp_ticks")]
    [TestCase("--grid", "no_such_key=1,2", "no_such_key")]
    [TestCase("--set", "prior_n=-5", "prior_n")]
    public void A_bad_grid_or_setting_is_a_usage_error_before_any_data_is_read(string option, string value, string named)
    {
        var (code, stdout, stderr) = Run("sweepscale", "--input", "/nonexistent/BTC.lz4", option, value);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Does.StartWith("bench sweepscale: ").And.Contain(named).And.Not.Contain("nonexistent"));
    }

    [Test]
    public void Zero_rounds_is_a_usage_error()
    {
        var (code, stdout, stderr) = Run("sweepscale", "--rounds", "0");
        Assert.That((code, stdout), Is.EqualTo((2, "")));
        Assert.That(stderr, Does.Contain("bench sweepscale: --rounds must be at least 1").And.Contain("Run 'bench sweepscale --help' for usage."));
    }
}
