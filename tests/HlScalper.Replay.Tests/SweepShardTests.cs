using HlScalper.Engine.Numbers;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Synthetic;
using HlScalper.Replay.Sweep;

namespace HlScalper.Replay.Tests;

/// <summary>Sharded sweeps: each shard a deterministic share of the grid, parts merged into the ranking of one unsharded sweep.</summary>
public class SweepShardTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [TestCase("2/4", 2, 4)]
    [TestCase("0/1", 0, 1)]
    public void An_explicit_shard_parses(string text, int index, int count) =>
        Assert.That(SweepShard.Parse(text, NoEnvironment.GetValueOrDefault), Is.EqualTo(new SweepShard(index, count)));

    [Test]
    public void A_count_alone_takes_the_index_from_the_batch_engine_kubernetes_first()
    {
        Assert.That(SweepShard.Parse("4", new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "3" }.GetValueOrDefault), Is.EqualTo(new SweepShard(3, 4)));
        Assert.That(SweepShard.Parse("4", new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "1", ["SLURM_ARRAY_TASK_ID"] = "3" }.GetValueOrDefault), Is.EqualTo(new SweepShard(1, 4)));
    }

    [TestCase("4/4")]
    [TestCase("-1/4")]
    [TestCase("1/0")]
    [TestCase("a/b")]
    [TestCase("4")]
    public void A_bad_shard_or_a_count_without_an_index_is_refused(string text) =>
        Assert.That(() => SweepShard.Parse(text, NoEnvironment.GetValueOrDefault), Throws.ArgumentException.With.Message.Contains(text));

    [Test]
    public void The_shards_of_a_grid_cover_every_combination_exactly_once()
    {
        const int count = 3;
        var owners = Enumerable.Range(0, 17).Select(c => Enumerable.Range(0, count).Count(i => new SweepShard(i, count).Owns(c)));
        Assert.That(owners, Is.All.EqualTo(1));
    }

    [Test]
    public async Task Parts_merge_into_the_unsharded_ranking_and_a_missing_or_repeated_part_is_refused()
    {
        var tape = SyntheticTape.Build(new SyntheticMarketConfig { DurationMs = 600_000 });
        var options = new BacktestOptions { Asset = AssetMeta.BtcPerp };
        const string gridText = "imbalance=0.55,0.65;tp_ticks=2,6,30";
        var grid = ParamGrid.Parse(gridText);
        string[] fixedSettings = ["prior_n=100000"];
        var whole = SweepRunner.Run(tape, options, grid, fixedSettings, parallelism: 2);

        using var dir = new TempDirectory();
        var paths = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var shard = new SweepShard(i, 4);
            var rows = SweepRunner.Run(tape, options, grid, fixedSettings, parallelism: 1, shard: shard);
            Assert.That(rows.Select(r => r.Combination), Is.All.Matches<int>(shard.Owns));
            paths.Add(dir.File(shard.PartFileName));
            await SweepParts.WritePartAsync(paths[^1], gridText, shard, "same data", rows);
        }
        var (mergedGrid, _, ranked) = await SweepParts.MergeAsync(paths);
        Assert.That(mergedGrid.Count, Is.EqualTo(grid.Count));
        Assert.That(ranked.Select(r => (r.Combination, string.Join(' ', r.Settings), r.Summary)), Is.EqualTo(whole.Select(r => (r.Combination, string.Join(' ', r.Settings), r.Summary))));

        Assert.That(() => SweepParts.MergeAsync(paths.Take(3).ToList()), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("shards 3 of 4 missing"));
        Assert.That(() => SweepParts.MergeAsync([.. paths, paths[1]]), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("shard 1 given twice"));
        var foreign = dir.File("foreign.parquet");
        await SweepParts.WritePartAsync(foreign, gridText, new SweepShard(0, 4), "other data", SweepRunner.Run(tape, options, grid, fixedSettings, 1, shard: new SweepShard(0, 4)));
        Assert.That(() => SweepParts.MergeAsync([foreign, .. paths.Skip(1)]), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("not a part of the same sweep"));
    }
}
