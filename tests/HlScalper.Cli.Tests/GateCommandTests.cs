using HlScalper.Replay.Gate;
using HlScalper.Replay.Metrics;
using HlScalper.Replay.Reports;

namespace HlScalper.Cli.Tests;

/// <summary><c>hlscalper gate</c>: a back-test's summary.parquet and a history file in, a verdict line and exit code out.</summary>
public sealed class GateCommandTests
{
    private static async Task<string> Summary(TempDirectory dir, double sharpe, long trades)
    {
        var path = dir.File($"summary-{sharpe}-{trades}.parquet");
        await ResultFiles.WriteSummaryAsync(path, new BacktestSummary(1, 2, 1, sharpe, 0.5, 3, 0.1, trades, trades, 2 * trades, 0, 0.5));
        return path;
    }

    private static void Seed(string history, params double[] sharpes)
    {
        for (var i = 0; i < sharpes.Length; i++)
            GateHistory.Append(history, new GateRecord(new DateTimeOffset(2026, 11, 1 + i, 2, 0, 0, TimeSpan.Zero), sharpes[i], 100, "seed"));
    }

    [Test]
    public async Task A_result_within_20_percent_of_the_median_passes_with_exit_0_and_is_recorded()
    {
        using var dir = new TempDirectory();
        var history = dir.File("history.csv");
        Seed(history, 1.0, 1.1, 0.9, 1.2, 1.0, 0.8, 1.3);

        var (code, stdout, stderr) = await CliRun.Run("gate", await Summary(dir, 0.85, 120), "--history", history, "--record", "--source", "BTC nightly");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, stderr);
            Assert.That(stdout, Does.StartWith("gate: pass sharpe=0.85 trades=120 median=1 threshold=0.8 baseline=7"));
            Assert.That(File.ReadLines(history).Last(), Does.EndWith(",0.85,120,BTC nightly"));
        });
    }

    [Test]
    public async Task A_drop_of_more_than_20_percent_fails_with_exit_1_and_is_not_recorded()
    {
        using var dir = new TempDirectory();
        var history = dir.File("history.csv");
        Seed(history, 1.0, 1.1, 0.9, 1.2, 1.0, 0.8, 1.3);
        var before = File.ReadAllText(history);

        var (code, stdout, _) = await CliRun.Run("gate", await Summary(dir, 0.75, 120), "--history", history, "--record");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(stdout, Does.StartWith("gate: fail sharpe=0.75"));
            Assert.That(File.ReadAllText(history), Is.EqualTo(before), "a failing result is not stored");
        });
    }

    [Test]
    public async Task The_first_run_passes_and_starts_the_history()
    {
        using var dir = new TempDirectory();
        var history = dir.File("history.csv");
        var (code, stdout, _) = await CliRun.Run("gate", await Summary(dir, 1.4, 60), "--history", history, "--record");
        Assert.That(code, Is.Zero, stdout);
        Assert.That(GateHistory.ReadNewest(history, 7, w => Assert.Fail(w)).Single().Sharpe, Is.EqualTo(1.4));
    }

    [Test]
    public async Task A_file_that_is_not_a_summary_exits_1_naming_it_and_the_history_is_untouched()
    {
        using var dir = new TempDirectory();
        var history = dir.File("history.csv");
        Seed(history, 1.0);
        var bogus = dir.File("summary.parquet");
        File.WriteAllText(bogus, "not parquet");
        var before = File.ReadAllText(history);

        var (code, _, stderr) = await CliRun.Run("gate", bogus, "--history", history, "--record");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(stderr, Does.Contain(bogus));
            Assert.That(File.ReadAllText(history), Is.EqualTo(before));
        });
    }
}
