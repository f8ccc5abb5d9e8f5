using HlScalper.Replay.QueueStudy;

namespace HlScalper.Cli.Tests;

/// <summary><c>hlscalper queue-study</c> on the hand-built capture: the table, the files, and clear errors.</summary>
public class QueueStudyCommandTests
{
    [Test]
    public async Task Prints_both_tables_for_every_model_and_writes_the_parquet_files()
    {
        using var dir = new TempDirectory();
        HandBuiltCapture.Write(dir.Path);
        var output = dir.File("out");
        var run = await CliRun.Run("queue-study", dir.Path, "--out", output);
        Assert.That(run.Code, Is.Zero, run.Err);
        foreach (var model in QueueModel.All) Assert.That(run.Out, Does.Contain(model.Name));
        Assert.That(run.Out, Does.Contain("4 of 4 maker fills were at the head of their queue"));
        Assert.That(run.Err, Does.Contain("reading").And.Contain("running queue log"));
        Assert.That(File.Exists(Path.Combine(output, QueueStudyFiles.ScoresFile)) && File.Exists(Path.Combine(output, QueueStudyFiles.OrdersFile)), Is.True);

        var markdown = await CliRun.Run("queue-study", dir.Path, "--out", output, "--markdown");
        Assert.That(markdown.Out, Does.Contain("| queue risk-averse").And.Contain("| --- |"));
    }

    [Test]
    public async Task A_missing_capture_is_an_error_naming_it_and_bad_options_are_usage_errors()
    {
        using var dir = new TempDirectory();
        var missing = await CliRun.Run("queue-study", dir.Path);
        Assert.That(missing.Code, Is.EqualTo(1));
        Assert.That(missing.Err, Does.Contain(dir.Path).And.Contain("snapshot_*.json*"));
        Assert.That((await CliRun.Run("queue-study")).Code, Is.EqualTo(2));
        Assert.That((await CliRun.Run("queue-study", dir.Path, "--source", "tape")).Code, Is.EqualTo(2));
        Assert.That((await CliRun.Run("queue-study", dir.Path, "--latency", "5")).Code, Is.EqualTo(2));
    }

    [Test]
    public async Task Help_tells_every_option_and_the_files_it_writes()
    {
        var help = await CliRun.Run("queue-study", "--help");
        Assert.That(help.Code, Is.Zero);
        foreach (var option in new[] { "--coin", "--source", "--out", "--markdown", QueueStudyFiles.ScoresFile, QueueStudyFiles.OrdersFile })
            Assert.That(help.Out, Does.Contain(option));
    }
}
