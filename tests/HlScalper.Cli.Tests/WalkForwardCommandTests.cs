namespace HlScalper.Cli.Tests;

/// <summary><c>sweep --train/--test</c>: a walk-forward from the command line, its tables and its usage errors.</summary>
public class WalkForwardCommandTests
{
    private static readonly string[] WalkForward =
        ["sweep", "--minutes", "40", "--set", "prior_n=100000", "--grid", "imbalance=0.55,0.65;tp_ticks=2,8", "--train", "10m", "--test", "5m"];

    [Test]
    public async Task The_same_inputs_give_byte_identical_walk_forward_tables_and_report()
    {
        using var dir = new TempDirectory();
        var first = await CliRun.Run([.. WalkForward, "--out", dir.File("a"), "--parallel", "2"]);
        var second = await CliRun.Run([.. WalkForward, "--out", dir.File("b"), "--parallel", "1"]);
        Assert.That(first.Code, Is.Zero, first.Err);
        Assert.That(second.Code, Is.Zero, second.Err);
        foreach (var table in new[] { "walkforward.parquet", "walkforward-train.parquet" })
            Assert.That(File.ReadAllBytes(dir.File($"b/{table}")), Is.EqualTo(File.ReadAllBytes(dir.File($"a/{table}"))), table);

        var rows = Table(first.Out);
        Assert.That(rows, Is.EqualTo(Table(second.Out)));
        // 40 minutes, 10 to train, test windows of 5 back to back: folds at 10, 15, 20, 25 and 30 min; the last 5 minutes are not whole.
        Assert.That(rows.Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]), Is.EqualTo(new[] { "1", "2", "3", "4", "5", "all" }));
        Assert.That(first.Out, Does.Contain("rolling: train 10m, test the 5m after, moving on by 5m").And.Contain("is shorter than one test window and is not tested"));
        Assert.That(first.Out, Does.Contain("out of sample, folds joined: net "));
    }

    [TestCase("--train 10m", "both --train and --test")]
    [TestCase("--anchored", "--anchored belongs to a walk-forward")]
    [TestCase("--train 10x --test 5m", "'10x' is not a length")]
    public async Task A_half_or_bad_walk_forward_is_a_usage_error(string walkForward, string message)
    {
        var run = await CliRun.Run(["sweep", "--minutes", "20", "--grid", "tp_ticks=2,8", .. walkForward.Split(' ')]);
        Assert.That(run.Code, Is.EqualTo(2));
        Assert.That(run.Err, Does.Contain(message));
    }

    [Test]
    public async Task Data_too_short_for_one_fold_and_a_walk_forward_with_shards_are_usage_errors()
    {
        var tooShort = await CliRun.Run("sweep", "--minutes", "20", "--grid", "tp_ticks=2,8", "--train", "15m", "--test", "10m");
        var sharded = await CliRun.Run("sweep", "--minutes", "20", "--grid", "tp_ticks=2,8", "--train", "10m", "--test", "5m", "--shard", "0/2");
        Assert.Multiple(() =>
        {
            Assert.That(tooShort.Code, Is.EqualTo(2));
            Assert.That(tooShort.Err, Does.Contain("too short for one fold"));
            Assert.That(sharded.Code, Is.EqualTo(2));
            Assert.That(sharded.Err, Does.Contain("without --per-input and --shard"));
        });
    }

    private static List<string> Table(string output) =>
        output.Split('\n').SkipWhile(l => !l.TrimStart().StartsWith("fold  test window", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.Trim().Length > 0).ToList();
}
