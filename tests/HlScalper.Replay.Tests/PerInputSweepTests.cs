using CsCheck;
using HlScalper.Engine.Numbers;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Metrics;
using HlScalper.Replay.Synthetic;
using HlScalper.Replay.Sweep;

namespace HlScalper.Replay.Tests;

/// <summary>Sweeps over several inputs, each its own session: joined per combination the same wherever the (combination, input) pairs ran.</summary>
public class PerInputSweepTests
{
    [Test]
    public void Joined_equity_shapes_give_the_drawdown_and_sharpe_of_the_curves_laid_end_to_end()
    {
        // Each curve starts at 0 (a session starts flat); laid end to end, each continues from where the one before ended.
        var curve = Gen.Long[-5_000_000_000, 5_000_000_000].Array[0, 40].Select(steps => steps.Aggregate(new List<long> { 0 }, (c, s) => { c.Add(c[^1] + s); return c; }));
        curve.List[1, 6].Sample(curves =>
        {
            var joined = new List<EquityPoint>();
            long offset = 0, time = 0;
            foreach (var c in curves)
            {
                foreach (var e in joined.Count == 0 ? c : c.Skip(1)) joined.Add(new EquityPoint(time += 60_000, offset + e));
                offset += c[^1];
            }
            var shape = curves.Select(c => EquityShape.Of(c.Select(e => new EquityPoint(0, e)).ToList())).Aggregate((a, b) => a.Then(b));
            var whole = EquityShape.Of(joined);
            Assert.That((shape.DrawdownRaw, shape.EndRaw, shape.LowRaw, shape.HighRaw, shape.Changes), Is.EqualTo((whole.DrawdownRaw, whole.EndRaw, whole.LowRaw, whole.HighRaw, whole.Changes)));
            Assert.That(Fixed8.ToDouble(shape.DrawdownRaw), Is.EqualTo(BacktestSummary.MaxDrawdownOf(joined)));
            Assert.That(shape.Sharpe, Is.EqualTo(BacktestSummary.SharpeOf(joined)).Within(1e-9 * Math.Max(1, Math.Abs(whole.Sharpe))));
        });
    }

    [Test]
    public void One_session_is_its_own_total_and_several_add_their_money_and_counts()
    {
        var (tapes, options, grid, fixedSettings) = Inputs();
        var first = SweepRunner.Run(tapes[0], options, grid, fixedSettings, parallelism: 2);
        Assert.That(SweepRunner.Join(first, 1).Select(r => r.Summary), Is.EqualTo(first.Select(r => r.Summary)), "one input: the plain sweep's rows");

        var rows = tapes.SelectMany((t, f) => SweepRunner.Run(t, options, grid, fixedSettings, parallelism: 2, input: f, inputs: tapes.Length)).ToList();
        var joined = SweepRunner.Join(rows, tapes.Length);
        Assert.That(joined, Has.Count.EqualTo(grid.Count));
        foreach (var row in joined)
        {
            var sessions = rows.Where(r => r.Combination == row.Combination).OrderBy(r => r.Input).Select(r => r.Summary).ToList();
            Assert.That(row.Summary.NetPnl, Is.EqualTo(sessions.Sum(s => s.NetPnl)).Within(1e-9));
            Assert.That(row.Summary.Trades, Is.EqualTo(sessions.Sum(s => s.Trades)));
            Assert.That(row.Summary.OrdersPlaced, Is.EqualTo(sessions.Sum(s => s.OrdersPlaced)));
            Assert.That(row.Summary.MaxDrawdown, Is.GreaterThanOrEqualTo(sessions.Max(s => s.MaxDrawdown)), "a drawdown within one session is one of the whole");
        }
        Assert.That(rows.Where(r => r.Input == 1).Sum(r => r.Summary.Trades), Is.GreaterThan(0), "the sessions trade: the join adds something");
    }

    [Test]
    public async Task Shards_of_combination_input_pairs_merge_into_the_unsharded_per_input_ranking()
    {
        var (tapes, options, grid, fixedSettings) = Inputs();
        var whole = SweepRunner.Join(tapes.SelectMany((t, f) => SweepRunner.Run(t, options, grid, fixedSettings, 2, input: f, inputs: tapes.Length)), tapes.Length);

        using var dir = new TempDirectory();
        var paths = new List<string>();
        var pairs = 0;
        for (var i = 0; i < 4; i++)
        {
            var shard = new SweepShard(i, 4);
            var rows = tapes.SelectMany((t, f) => SweepRunner.Run(t, options, grid, fixedSettings, 1, shard: shard, input: f, inputs: tapes.Length)).ToList();
            Assert.That(rows.Select(r => (r.Combination, r.Input)), Is.All.Matches<(int C, int F)>(p => (p.C * tapes.Length + p.F) % 4 == i));
            pairs += rows.Count;
            paths.Add(dir.File(shard.PartFileName));
            await SweepParts.WritePartAsync(paths[^1], "imbalance=0.55,0.65;tp_ticks=2,6,30", shard, "same data", rows, tapes.Length);
        }
        Assert.That(pairs, Is.EqualTo(grid.Count * tapes.Length), "every pair ran exactly once");
        var (_, _, merged) = await SweepParts.MergeAsync(paths);
        Assert.That(merged.Select(r => (r.Combination, string.Join(' ', r.Settings), r.Summary)), Is.EqualTo(whole.Select(r => (r.Combination, string.Join(' ', r.Settings), r.Summary))));

        var otherInputs = dir.File("other.parquet");
        await SweepParts.WritePartAsync(otherInputs, "imbalance=0.55,0.65;tp_ticks=2,6,30", new SweepShard(0, 4), "same data",
            SweepRunner.Run(tapes[0], options, grid, fixedSettings, 1, shard: new SweepShard(0, 4)), inputs: 1);
        Assert.That(() => SweepParts.MergeAsync([otherInputs, .. paths.Skip(1)]), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("not a part of the same sweep"));
    }

    private static (EventTape[] Tapes, BacktestOptions Options, ParamGrid Grid, string[] Fixed) Inputs() =>
    (
        [.. new ulong[] { 1, 2, 3 }.Select(seed => SyntheticTape.Build(new SyntheticMarketConfig { Seed = seed, DurationMs = 300_000 }))],
        new BacktestOptions { Asset = AssetMeta.BtcPerp },
        ParamGrid.Parse("imbalance=0.55,0.65;tp_ticks=2,6,30"),
        ["prior_n=100000"]
    );
}
