using System.Globalization;
using CsCheck;
using HlScalper.Engine.Strategy;
using HlScalper.Live.Canary;

namespace HlScalper.Live.Tests;

/// <summary>The canary's promotion rule (at least 100 trades and PnL above zero) and its size scaling.</summary>
public sealed class CanaryVerdictTests
{
    [TestCase(99, 5.0, CanaryOutcome.Undecided)]
    [TestCase(100, 0.01, CanaryOutcome.Promote)]
    [TestCase(100, 0.0, CanaryOutcome.Reject)]
    [TestCase(250, -3.2, CanaryOutcome.Reject)]
    [TestCase(0, 0.0, CanaryOutcome.Undecided)]
    public void Promotes_only_after_100_trades_with_a_positive_PnL(long trades, double pnl, CanaryOutcome expected)
    {
        var verdict = CanaryVerdict.Judge(trades, (decimal)pnl, 0.1);
        Assert.That(verdict.Outcome, Is.EqualTo(expected));
        Assert.That(verdict.Line, Does.StartWith($"canary: verdict={expected.ToString().ToLowerInvariant()} trades={trades} "));
    }

    [Test]
    public void The_verdict_is_promote_exactly_when_both_conditions_hold()
    {
        Gen.Select(Gen.Long[0, 1000], Gen.Decimal[-100, 100]).Sample((trades, pnl) =>
            (CanaryVerdict.Judge(trades, pnl, 0.5).Outcome == CanaryOutcome.Promote) == (trades >= 100 && pnl > 0));
    }

    [Test]
    public void Scaling_multiplies_every_size_limit_by_the_fraction_and_leaves_the_rest()
    {
        var config = new EngineConfig();
        var before = new[] { "kelly_fraction", "max_equity_pct", "max_pos_usd", "min_notional", "tp_ticks" }.ToDictionary(k => k, k => Number(config.Get(k)));

        CanaryVerdict.Scale(config, 0.1);
        Assert.Multiple(() =>
        {
            foreach (var key in new[] { "kelly_fraction", "max_equity_pct", "max_pos_usd" })
                Assert.That(Number(config.Get(key)), Is.EqualTo(before[key] * 0.1).Within(1e-12), key);
            Assert.That(Number(config.Get("min_notional")), Is.EqualTo(before["min_notional"]), "the exchange minimum is not scaled");
            Assert.That(Number(config.Get("tp_ticks")), Is.EqualTo(before["tp_ticks"]));
        });
    }

    [TestCase(0.0)]
    [TestCase(1.5)]
    [TestCase(double.NaN)]
    public void A_fraction_outside_0_to_1_is_refused(double fraction) =>
        Assert.That(() => CanaryVerdict.Scale(new EngineConfig(), fraction), Throws.TypeOf<ArgumentOutOfRangeException>());

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
