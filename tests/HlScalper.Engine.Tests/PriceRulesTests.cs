using CsCheck;
using HlScalper.Engine.Numbers;

namespace HlScalper.Engine.Tests;

public class PriceRulesTests
{
    private static long R(string s) => Fixed8.Parse(s);

    [TestCase("42727", 5, "1")]
    [TestCase("10000", 5, "1")]
    [TestCase("9999.9", 5, "0.1")]
    [TestCase("3350.1", 4, "0.1")]
    [TestCase("202.15", 2, "0.01")]
    [TestCase("0.001234", 0, "0.000001")]
    [TestCase("0.01234", 1, "0.00001")]
    [TestCase("123456", 5, "1")]
    public void Tick_follows_the_exchange_rules(string px, int szDecimals, string tick) =>
        Assert.That(PriceRules.TickAt(R(px), szDecimals), Is.EqualTo(R(tick)));

    [TestCase("1234.5", 0, false, true)]
    [TestCase("1234.56", 0, false, false)]
    [TestCase("0.001234", 0, false, true)]
    [TestCase("0.0012345", 0, false, false)]
    [TestCase("0.01234", 1, false, true)]
    [TestCase("0.012345", 1, false, false)]
    [TestCase("123456", 5, false, true)]
    [TestCase("12345.6", 0, false, false)]
    [TestCase("0.0001234", 1, true, true)]
    [TestCase("0.0001234", 2, true, false)]
    public void Validity_matches_the_documented_examples(string px, int szDecimals, bool spot, bool valid) =>
        Assert.That(PriceRules.IsValid(R(px), szDecimals, spot), Is.EqualTo(valid));

    [Test]
    public void Tick_follows_the_count_of_decimal_digits_at_every_power_of_ten()
    {
        // Around each power of ten (where the digit count, hence the tick, changes) and anywhere in between, against the
        // definition written with the decimal string: 10^(digits − 5) raw units, between the finest tick and 1.
        var nearPowers = Gen.Select(Gen.Int[1, 18], Gen.Long[-2, 2]).Select((e, d) => Math.Max(1, (long)Math.Pow(10, e) + d));
        Gen.Select(Gen.OneOf(nearPowers, Gen.Long[1, long.MaxValue]), Gen.Int[0, 6]).Sample((raw, szDecimals) =>
        {
            var digits = raw.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
            var exp = Math.Clamp(digits - PriceRules.MaxSignificantFigures, Fixed8.Decimals - PriceRules.MaxPriceDecimals(szDecimals, false), Fixed8.Decimals);
            return PriceRules.TickAt(raw, szDecimals) == Fixed8.PowerOf10(exp);
        }, iter: 50_000);
    }

    [Test]
    public void Rounded_prices_are_valid_and_within_one_tick_on_the_right_side()
    {
        Gen.Select(Gen.Long[100, 1_000_000L * Fixed8.Scale], Gen.Int[0, 6], Gen.Bool).Sample((raw, szDecimals, spot) =>
        {
            var minTick = Fixed8.PowerOf10(Fixed8.Decimals - PriceRules.MaxPriceDecimals(szDecimals, spot));
            if (raw < minTick) return true;
            var tick = PriceRules.TickAt(raw, szDecimals, spot);
            var down = PriceRules.RoundDown(raw, szDecimals, spot);
            var up = PriceRules.RoundUp(raw, szDecimals, spot);
            return PriceRules.IsValid(down, szDecimals, spot) && PriceRules.IsValid(up, szDecimals, spot)
                   && down <= raw && raw - down < tick
                   && up >= raw && up - raw < tick
                   && (PriceRules.IsValid(raw, szDecimals, spot) ? down == raw && up == raw : down < raw && up > raw);
        }, iter: 50_000);
    }

    [Test]
    public void Tick_up_and_down_step_to_the_neighbouring_valid_price()
    {
        Gen.Select(Gen.Long[1_000_000, 500_000L * Fixed8.Scale], Gen.Int[0, 5]).Sample((raw, szDecimals) =>
        {
            var px = PriceRules.RoundDown(raw, szDecimals);
            if (px == 0) return true;
            var up = PriceRules.TickUp(px, szDecimals);
            var down = PriceRules.TickDown(px, szDecimals);
            // No valid price strictly between px and its neighbours.
            return PriceRules.IsValid(up, szDecimals) && PriceRules.RoundDown(up - 1, szDecimals) == px
                   && (down == 0 || (PriceRules.IsValid(down, szDecimals) && PriceRules.RoundUp(down + 1, szDecimals) == px));
        }, iter: 20_000);
    }

    [Test]
    public void Tick_down_from_a_power_of_ten_uses_the_finer_tick()
    {
        Assert.That(Fixed8.ToString(PriceRules.TickDown(R("10000"), 5)), Is.EqualTo("9999.9"));
        Assert.That(Fixed8.ToString(PriceRules.TickUp(R("9999.9"), 5)), Is.EqualTo("10000"));
    }

    [Test]
    public void Sizes_round_down_to_the_lot()
    {
        Assert.That(Fixed8.ToString(PriceRules.RoundSizeDown(R("0.123456789"[..10]), 5)), Is.EqualTo("0.12345"));
        Assert.That(PriceRules.IsValidSize(R("0.00001"), 5), Is.True);
        Assert.That(PriceRules.IsValidSize(R("0.000001"), 5), Is.False);
        Gen.Select(Gen.Long[0, long.MaxValue / 2], Gen.Int[0, 8]).Sample((raw, d) =>
        {
            var r = PriceRules.RoundSizeDown(raw, d);
            return r <= raw && raw - r < PriceRules.LotSize(d) && r % PriceRules.LotSize(d) == 0;
        }, iter: 10_000);
    }
}
