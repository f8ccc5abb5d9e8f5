using HlScalper.Testing;
using static HlScalper.Bench.Tests.BenchRun;

namespace HlScalper.Bench.Tests;

/// <summary><c>bench replayrate</c>: the real recording's events in both counts, the timed half of the runs and the rates, and a clear error for bad input.</summary>
public class ReplayRateCommandTests
{
    [Test]
    public void Four_runs_on_the_real_recording_print_both_counts_the_times_and_the_rates()
    {
        var recording = SharedData.PathOf("data/hyperliquid/derived_ws_20250904/BTC.lz4");
        var (code, stdout, stderr) = Run("replayrate", "--input", recording, "--runs", "4");
        Assert.That(code, Is.Zero, stderr);
        // 3,785 snapshots of 40 levels differ from the one before in 98,600 levels (the first counts all 40), plus 6,675 trades.
        Assert.That(stdout, Does.StartWith("10,460 events as recorded (a book snapshot of up to 40 levels is one); 105,275 in hftbacktest's count"));
        Assert.That(stdout, Does.Contain("4 back-tests on one thread, queue fills, settings: prior_n=1000000; the first 2 warm up"));
        Assert.That(stdout, Does.Match(@"a back-test: p10 \d+\.\d{3} ms, median \d+\.\d{3} ms \(of 2 timed\)"));
        Assert.That(stdout, Does.Match(@"replay rate at p10: \d+\.\d\d M events/s as recorded, \d+\.\d\d M/s in hftbacktest's count; at the median: \d+\.\d\d M and \d+\.\d\d M/s"));
    }

    [Test]
    public void A_missing_recording_is_named_in_the_error()
    {
        var (code, stdout, stderr) = Run("replayrate", "--input", "/nonexistent/BTC.lz4");
        Assert.That((code, stdout), Is.EqualTo((1, "")));
        Assert.That(stderr, Does.StartWith("bench replayrate: ").And.Contain("/nonexistent/BTC.lz4"));
    }

    [Test]
    public void A_recording_of_several_coins_is_refused_with_their_count()
    {
        var folder = Path.GetDirectoryName(SharedData.PathOf("data/hyperliquid/derived_ws_20250904/BTC.lz4"))!;
        var (code, stdout, stderr) = Run("replayrate", "--input", folder, "--runs", "2");
        Assert.That((code, stdout), Is.EqualTo((1, "")));
        Assert.That(stderr, Is.EqualTo($"bench replayrate: {folder}: 3 coins; these measurements trade one\n"));
    }

    [Test]
    public void Zero_runs_is_a_usage_error()
    {
        var (code, stdout, stderr) = Run("replayrate", "--runs", "0");
        Assert.That((code, stdout), Is.EqualTo((2, "")));
        Assert.That(stderr, Does.Contain("bench replayrate: --runs must be at least 1").And.Contain("Run 'bench replayrate --help' for usage."));
    }
}
