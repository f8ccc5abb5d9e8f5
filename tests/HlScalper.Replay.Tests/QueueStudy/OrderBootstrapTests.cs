using HlScalper.Replay.Exchange;
using HlScalper.Replay.QueueStudy;

namespace HlScalper.Replay.Tests.QueueStudy;

/// <summary>The order bootstrap on queue errors built by hand.</summary>
public class OrderBootstrapTests
{
    private static readonly QueueModel Risk = QueueModel.All.Single(m => m.Rule == QueueRule.RiskAverse && m.HasQueue);
    private static readonly QueueModel Log = QueueModel.All.Single(m => m.Rule == QueueRule.ProbLog);
    private static readonly QueueModel Touch = QueueModel.All.Single(m => !m.HasQueue);

    private static ModelRun Run(QueueModel model, params (int Order, long Block, double Error, bool AtTouch)[] errors) =>
        new(model, [], errors.Select(e => new QueueError(e.Order, e.Block, e.Error * 100_000_000, 0, e.AtTouch)).ToList());

    [Test]
    public void A_model_better_on_every_order_wins_every_resample_and_touch_gets_no_share()
    {
        var shares = OrderBootstrap.BestShares([
            Run(Touch),
            Run(Risk, (0, 1, 0.1, true), (1, 1, 0.2, true), (2, 1, 0.0, true)),
            Run(Log, (0, 1, 0.3, true), (1, 1, -0.5, true), (2, 1, 0.1, true)),
        ]);
        Assert.That(double.IsNaN(shares[0]), Is.True);
        Assert.That((shares[1], shares[2]), Is.EqualTo((1.0, 0.0)));
    }

    [Test]
    public void Equal_errors_share_every_win_and_samples_away_from_the_touch_do_not_count()
    {
        var shares = OrderBootstrap.BestShares([
            Run(Risk, (0, 1, 0.2, true), (1, 1, 0.4, true), (1, 2, 9.0, false)),
            Run(Log, (0, 1, -0.2, true), (1, 1, 0.4, true), (1, 2, 0.0, false)),
        ]);
        Assert.That(shares, Is.EqualTo(new[] { 0.5, 0.5 }));
    }

    [Test]
    public void A_sample_one_model_lacks_is_left_out_for_all_so_it_cannot_win_by_missing_it()
    {
        // Order 1 at block 2: log's twin had filled and left; risk-averse is better on every sample both have.
        var shares = OrderBootstrap.BestShares([
            Run(Risk, (0, 1, 0.1, true), (1, 1, 0.1, true), (1, 2, 5.0, true)),
            Run(Log, (0, 1, 0.2, true), (1, 1, 0.2, true)),
        ]);
        Assert.That(shares, Is.EqualTo(new[] { 1.0, 0.0 }));
    }

    [Test]
    public void The_same_runs_give_the_same_shares()
    {
        var runs = new[]
        {
            Run(Risk, (0, 1, 0.1, true), (1, 1, 0.9, true), (2, 1, 0.3, true), (3, 1, 0.0, true)),
            Run(Log, (0, 1, 0.5, true), (1, 1, 0.1, true), (2, 1, 0.2, true), (3, 1, 0.4, true)),
        };
        var first = OrderBootstrap.BestShares(runs);
        Assert.That(OrderBootstrap.BestShares(runs), Is.EqualTo(first));
        Assert.That(first.Sum(), Is.EqualTo(1.0).Within(1e-12));
        Assert.That(first.All(s => s is > 0 and < 1), Is.True, "each model wins some resamples: orders 0 and 3 favour risk-averse, 1 and 2 log");
    }
}
