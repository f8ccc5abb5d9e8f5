namespace HlScalper.Cli.Tests;

/// <summary>A sweep run as 4 shards in 4 processes, as a batch engine runs it, merged: the same sweep.parquet as one unsharded run.</summary>
public class SweepShardCommandTests
{
    private static readonly string[] Sweep =
        ["sweep", "--minutes", "20", "--set", "prior_n=100000", "--grid", "tp_ticks=2,6,12;imbalance=0.55,0.65;timeout_s=5,30", "--parallel", "1"];

    [Test]
    public async Task Four_shards_in_four_processes_merge_into_the_unsharded_sweep()
    {
        using var dir = new TempDirectory();
        var whole = await CliRun.Run([.. Sweep, "--out", dir.File("whole")]);
        Assert.That(whole.Code, Is.Zero, whole.Err);

        // The index as each batch engine hands it over: a Kubernetes Indexed Job, a Slurm array, and spelled out.
        var shards = new[]
        {
            CliProcess.Start("shard0", [.. Sweep, "--shard", "4", "--out", dir.File("parts")], new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "0" }),
            CliProcess.Start("shard1", [.. Sweep, "--shard", "4", "--out", dir.File("parts")], new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "1" }),
            CliProcess.Start("shard2", [.. Sweep, "--shard", "4", "--out", dir.File("parts")], new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "2" }),
            CliProcess.Start("shard3", [.. Sweep, "--shard", "3/4", "--out", dir.File("parts")]),
        };
        try
        {
            foreach (var shard in shards)
                Assert.That(await shard.WaitForExit(TimeSpan.FromMinutes(10)), Is.Zero, shard.Tail());
        }
        finally
        {
            foreach (var shard in shards) shard.Dispose();
        }
        Assert.That(Directory.GetFiles(dir.File("parts")).Select(Path.GetFileName).Order(), Is.EqualTo(Enumerable.Range(0, 4).Select(i => $"sweep-part-{i}-of-4.parquet")));

        var merged = await CliRun.Run("sweep", "merge", dir.File("parts"), "--out", dir.File("merged"));
        Assert.That(merged.Code, Is.Zero, merged.Err);
        Assert.That(merged.Out, Does.Contain("merged 4 parts: 12 runs"));
        Assert.That(File.ReadAllBytes(dir.File("merged/sweep.parquet")), Is.EqualTo(File.ReadAllBytes(dir.File("whole/sweep.parquet"))));
        Assert.That(Ranking(merged.Out), Is.EqualTo(Ranking(whole.Out)).And.Count.EqualTo(10));
    }

    [Test]
    public async Task Four_shards_of_combination_input_pairs_over_three_recordings_merge_into_the_unsharded_per_input_sweep()
    {
        // Three BTC recordings of three different days: each its own session; 2 combinations × 3 inputs = 6 pairs over 4 shards.
        string[] inputs =
        [
            SharedData.PathOf("data/hyperliquid/archive_l2book/market_data/20240101/12/l2Book/BTC.lz4"),
            SharedData.PathOf("data/hyperliquid/derived_ws_20250904/BTC.lz4"),
            SharedData.PathOf("data/hyperliquid/ws_raw_hftbacktest_btc_20250126/btcusd_20250126.gz"),
        ];
        string[] sweep = ["sweep", .. inputs, "--per-input", "--coin", "BTC", "--set", "prior_n=1000000", "--grid", "tp_ticks=2,8", "--parallel", "1"];
        using var dir = new TempDirectory();
        var whole = await CliRun.Run([.. sweep, "--out", dir.File("whole")]);
        Assert.That(whole.Code, Is.Zero, whole.Err);
        Assert.That(whole.Out, Does.Contain("input 3/3"));

        var shards = Enumerable.Range(0, 4).Select(i => CliProcess.Start($"shard{i}", [.. sweep, "--shard", $"{i}/4", "--out", dir.File("parts")])).ToList();
        try
        {
            foreach (var shard in shards)
                Assert.That(await shard.WaitForExit(TimeSpan.FromMinutes(10)), Is.Zero, shard.Tail());
            // Pair p = combination × 3 + input runs on shard p mod 4: shard 2 holds (0, 2) alone and reads only the third input.
            Assert.That(shards[2].Output, Does.Contain("sweep: 1 runs").And.Contain("input 3/3").And.Not.Contain("input 1/3").And.Not.Contain("input 2/3"));
        }
        finally
        {
            foreach (var shard in shards) shard.Dispose();
        }

        var merged = await CliRun.Run("sweep", "merge", dir.File("parts"), "--out", dir.File("merged"));
        Assert.That(merged.Code, Is.Zero, merged.Err);
        Assert.That(merged.Out, Does.Contain("merged 4 parts: 2 runs of BTC: 3 inputs, each its own session"));
        Assert.That(File.ReadAllBytes(dir.File("merged/sweep.parquet")), Is.EqualTo(File.ReadAllBytes(dir.File("whole/sweep.parquet"))));
        Assert.That(Ranking(merged.Out), Is.EqualTo(Ranking(whole.Out)).And.Count.EqualTo(2));
    }

    [Test]
    public async Task Merging_without_every_part_is_a_data_error_that_writes_nothing()
    {
        using var dir = new TempDirectory();
        var part = await CliRun.Run([.. Sweep, "--shard", "1/4", "--out", dir.Path]);
        Assert.That(part.Code, Is.Zero, part.Err);
        var merged = await CliRun.Run("sweep", "merge", dir.Path, "--out", dir.File("merged"));
        Assert.That(merged.Code, Is.EqualTo(1));
        Assert.That(merged.Err, Does.Contain("shards 0, 2, 3 of 4 missing"));
        Assert.That(File.Exists(dir.File("merged/sweep.parquet")), Is.False);
    }

    [TestCase("9/4")]
    [TestCase("4")]
    [TestCase("9")]
    public async Task A_bad_shard_is_a_usage_error(string shard)
    {
        var run = await CliRun.Run([.. Sweep, "--shard", shard]);
        Assert.That(run.Code, Is.EqualTo(2));
        Assert.That(run.Err, Does.Contain("--shard"));
    }

    private static List<string> Ranking(string output) =>
        output.Split('\n').SkipWhile(l => !l.TrimStart().StartsWith("rank", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.Trim().Length > 0).ToList();
}
