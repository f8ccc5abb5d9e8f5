using HlScalper.Engine.Numbers;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Sweep;
using HlScalper.Replay.Synthetic;

namespace HlScalper.Replay.Tests;

public class SweepTests
{
    [Test]
    public void Grid_expands_every_combination_with_the_last_axis_fastest()
    {
        var grid = ParamGrid.Parse("imbalance=0.55,0.6,0.65; spread_bps=1,2 ;timeout_s=3,5,8");
        Assert.That(grid.Count, Is.EqualTo(18));
        Assert.That(grid.Combination(0), Is.EqualTo(new[] { "imbalance=0.55", "spread_bps=1", "timeout_s=3" }));
        Assert.That(grid.Combination(1), Is.EqualTo(new[] { "imbalance=0.55", "spread_bps=1", "timeout_s=5" }));
        Assert.That(grid.Combination(17), Is.EqualTo(new[] { "imbalance=0.65", "spread_bps=2", "timeout_s=8" }));
        Assert.That(Enumerable.Range(0, 18).Select(i => string.Join(' ', grid.Combination(i))).Distinct().Count(), Is.EqualTo(18));
    }

    [TestCase("imbalance")]
    [TestCase("nope=1,2")]
    [TestCase("imbalance=2")]
    [TestCase("imbalance=0.6;imbalance=0.7")]
    [TestCase("")]
    public void Bad_grids_are_refused_with_a_reason(string text) =>
        Assert.That(() => ParamGrid.Parse(text), Throws.ArgumentException.With.Message.Not.Empty);

    [Test]
    public void Parallel_runs_over_one_shared_tape_match_one_by_one_runs_and_are_ranked()
    {
        var tape = SyntheticTape.Build(new SyntheticMarketConfig { DurationMs = 900_000 });
        var options = new BacktestOptions { Asset = AssetMeta.BtcPerp };
        var grid = ParamGrid.Parse("imbalance=0.55,0.65;tp_ticks=2,30");
        string[] fixedSettings = ["prior_n=100000"];
        var parallel = SweepRunner.Run(tape, options, grid, fixedSettings, parallelism: 2);
        Assert.That(parallel, Has.Count.EqualTo(4));
        foreach (var row in parallel)
        {
            var alone = Backtest.Run(tape, options with { Settings = [.. fixedSettings, .. row.Settings] });
            Assert.That(row.Summary, Is.EqualTo(alone.Summary), string.Join(' ', row.Settings));
        }
        Assert.That(parallel.Select(r => r.Summary.NetPnl), Is.Ordered.Descending);
        Assert.That(parallel.Select(r => r.Summary).Distinct().Count(), Is.GreaterThan(1), "the grid must change outcomes");
    }
}
