using CsCheck;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Strategy;

namespace HlScalper.Engine.Tests;

/// <summary>Kelly sizing: the prior, learning from trades, the cap, the lot and the minimum.</summary>
public class KellySizerTests
{
    [Test]
    public void Prior_alone_gives_f_star_of_a_tenth_and_wins_raise_it_losses_lower_it()
    {
        var kelly = new KellySizer(new StrategyConfig());
        Assert.That(kelly.Fraction, Is.EqualTo(0.7 - 0.3 / 0.5).Within(1e-12));
        var winner = new KellySizer(new StrategyConfig());
        for (var i = 0; i < 10; i++) winner.Record(2);
        var loser = new KellySizer(new StrategyConfig());
        for (var i = 0; i < 10; i++) loser.Record(-4);
        Assert.That(winner.Fraction, Is.GreaterThan(kelly.Fraction));
        Assert.That(loser.Fraction, Is.LessThan(0));
    }

    [Test]
    public void Size_is_lot_rounded_within_the_cap_and_at_least_the_minimum_or_zero_with_a_reason()
    {
        Gen.Select(Gen.Long[1_000_000, 20_000_000_000_000], Gen.Double[100, 1_000_000], Gen.Int[0, 5], Gen.Double[-8, 8].Array[0, 30]).Sample(
            (pxRaw, equity, szDecimals, outcomes) =>
            {
                var config = new StrategyConfig();
                var kelly = new KellySizer(config);
                foreach (var o in outcomes) kelly.Record(o);
                var sz = kelly.Size(pxRaw, equity, szDecimals, out var skip);
                if (sz == 0) return skip != SkipReason.None && (skip == SkipReason.KellyNotPositive) == !(kelly.Fraction > 0);
                var usd = KellySizer.NotionalUsd(pxRaw, sz);
                return skip == SkipReason.None
                       && PriceRules.IsValidSize(sz, szDecimals)
                       && usd <= config.MaxEquityFraction * equity
                       && usd <= kelly.Fraction * config.KellyFraction * equity + 1e-9
                       && usd >= config.MinNotionalUsd;
            }, iter: 500);
    }
}
