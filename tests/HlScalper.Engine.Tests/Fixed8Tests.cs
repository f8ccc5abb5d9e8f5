using System.Globalization;
using System.Text;
using CsCheck;
using HlScalper.Engine.Numbers;

namespace HlScalper.Engine.Tests;

public class Fixed8Tests
{
    [TestCase("42727.0", 4_272_700_000_000L)]
    [TestCase("0.02265", 2_265_000L)]
    [TestCase("3.0", 300_000_000L)]
    [TestCase("0", 0L)]
    [TestCase("-1.5", -150_000_000L)]
    [TestCase("0.00000001", 1L)]
    [TestCase("1.000000000", 100_000_000L)]
    [TestCase("92233720368.54775807", long.MaxValue)]
    public void Parses_wire_decimals_exactly(string text, long raw) =>
        Assert.That(Fixed8.Parse(Encoding.UTF8.GetBytes(text)), Is.EqualTo(raw));

    [TestCase("", Fixed8Error.Empty)]
    [TestCase("1e5", Fixed8Error.InvalidCharacter)]
    [TestCase("-", Fixed8Error.NoDigits)]
    [TestCase("12345678901234567890", Fixed8Error.Overflow)]
    [TestCase("92233720368.54775808", Fixed8Error.Overflow)]
    [TestCase("1.2.3", Fixed8Error.MultipleDots)]
    [TestCase(".5", Fixed8Error.NoDigits)]
    [TestCase("5.", Fixed8Error.NoDigits)]
    [TestCase("+5", Fixed8Error.InvalidCharacter)]
    [TestCase("0.000000001", Fixed8Error.TooManyDecimals)]
    [TestCase("1 ", Fixed8Error.InvalidCharacter)]
    [TestCase("NaN", Fixed8Error.InvalidCharacter)]
    public void Rejects_bad_input_with_a_reason(string text, Fixed8Error expected)
    {
        Assert.That(Fixed8.TryParse(Encoding.UTF8.GetBytes(text), out _), Is.EqualTo(expected));
        var e = Assert.Throws<FormatException>(() => Fixed8.Parse(text));
        Assert.That(e!.Message, Does.Contain($"'{text}'").And.Contain(Fixed8.Describe(expected)));
    }

    [TestCase(200_000_000_000L, "2000")]
    [TestCase(10_000_000L, "0.1")]
    [TestCase(0L, "0")]
    [TestCase(-150_000_000L, "-1.5")]
    [TestCase(1L, "0.00000001")]
    [TestCase(4_272_700_000_000L, "42727")]
    public void Formats_the_canonical_wire_form(long raw, string expected) =>
        Assert.That(Fixed8.ToString(raw), Is.EqualTo(expected));

    [Test]
    public void Round_trips_against_System_Decimal_for_random_values()
    {
        Gen.Long[-999_999_999_999_999_999L, 999_999_999_999_999_999L].Sample(raw =>
        {
            var dec = raw / 100_000_000m;
            var text = dec.ToString("0.########", CultureInfo.InvariantCulture);
            var parsed = Fixed8.Parse(Encoding.ASCII.GetBytes(text));
            var formatted = Fixed8.ToString(raw);
            return parsed == raw
                   && formatted == text
                   && decimal.Parse(formatted, CultureInfo.InvariantCulture) == dec
                   && Fixed8.FromDecimal(dec) == raw
                   && Fixed8.ToDecimal(raw) == dec;
        }, iter: 20_000);
    }

    [Test]
    public void Trailing_zeros_and_padding_parse_to_the_same_value()
    {
        Gen.Select(Gen.Long[0, 99_999_999_999_999L], Gen.Int[0, 3]).Sample((raw, pad) =>
        {
            var padded = (raw / 100_000_000m).ToString("0.00000000", CultureInfo.InvariantCulture) + new string('0', pad);
            return Fixed8.Parse(Encoding.ASCII.GetBytes(padded)) == raw;
        }, iter: 5_000);
    }

    [Test]
    public void Notional_does_not_overflow_for_large_price_times_size()
    {
        var px = Px.Parse("100000");
        var sz = Sz.Parse("50000");
        Assert.That(Sz.Notional(px, sz), Is.EqualTo(5_000_000_000m));
    }
}
