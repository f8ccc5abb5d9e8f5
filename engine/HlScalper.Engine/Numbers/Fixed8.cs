using System.Runtime.CompilerServices;

namespace HlScalper.Engine.Numbers;

/// <summary>Parsing and formatting of decimals as <c>long</c> with 8 implied decimals, straight from and to UTF-8.</summary>
/// <remarks>
/// Eight decimals is exactly the precision of Hyperliquid's wire strings, so every wire value is
/// represented exactly and never passes through <c>double</c>.
/// </remarks>
public static class Fixed8
{
    /// <summary>Raw units per 1.0.</summary>
    public const long Scale = 100_000_000;

    public const int Decimals = 8;

    /// <summary>Longest canonical form: sign, 11 integer digits, point, 8 decimals.</summary>
    public const int MaxFormattedLength = 21;

    private const long MaxIntegerPart = long.MaxValue / Scale;

    private static readonly long[] Pow10 =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
    ];

    /// <summary>10^<paramref name="exponent"/> for 0 ≤ exponent ≤ 18.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long PowerOf10(int exponent) => Pow10[exponent];

    /// <summary>Parses a plain decimal (<c>-?digits(.digits)?</c>, at most 8 decimals); no exponent, no leading or trailing point.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fixed8Error TryParse(ReadOnlySpan<byte> utf8, out long value)
    {
        value = 0;
        if (utf8.IsEmpty) return Fixed8Error.Empty;
        var i = 0;
        var negative = utf8[0] == (byte)'-';
        if (negative) i = 1;

        long integer = 0;
        var intStart = i;
        while (i < utf8.Length)
        {
            var d = (uint)(utf8[i] - (byte)'0');
            if (d > 9) break;
            if (integer > (MaxIntegerPart - d) / 10) return Fixed8Error.Overflow;
            integer = integer * 10 + d;
            i++;
        }
        if (i == intStart) return i < utf8.Length && utf8[i] != (byte)'.' ? Fixed8Error.InvalidCharacter : Fixed8Error.NoDigits;

        long fraction = 0;
        var fracDigits = 0;
        if (i < utf8.Length)
        {
            if (utf8[i] != (byte)'.') return Fixed8Error.InvalidCharacter;
            i++;
            var fracStart = i;
            while (i < utf8.Length)
            {
                var d = (uint)(utf8[i] - (byte)'0');
                if (d > 9) return utf8[i] == (byte)'.' ? Fixed8Error.MultipleDots : Fixed8Error.InvalidCharacter;
                if (fracDigits == Decimals)
                {
                    // Trailing zeros past the eighth decimal lose nothing; any other digit would.
                    if (d != 0) return Fixed8Error.TooManyDecimals;
                }
                else
                {
                    fraction = fraction * 10 + d;
                    fracDigits++;
                }
                i++;
            }
            if (i == fracStart) return Fixed8Error.NoDigits;
        }

        var raw = integer * Scale + fraction * Pow10[Decimals - fracDigits];
        if (raw < 0) return Fixed8Error.Overflow;
        value = negative ? -raw : raw;
        return Fixed8Error.None;
    }

    /// <summary>Parses or throws a <see cref="FormatException"/> that names the input and the reason.</summary>
    public static long Parse(ReadOnlySpan<byte> utf8)
    {
        var error = TryParse(utf8, out var value);
        return error == Fixed8Error.None ? value : throw ParseException(utf8, error);
    }

    public static long Parse(string text) => Parse(System.Text.Encoding.UTF8.GetBytes(text));

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static FormatException ParseException(ReadOnlySpan<byte> utf8, Fixed8Error error)
    {
        var shown = utf8.Length > 40 ? System.Text.Encoding.UTF8.GetString(utf8[..40]) + "…" : System.Text.Encoding.UTF8.GetString(utf8);
        return new FormatException($"'{shown}' is not a decimal with at most {Decimals} decimals: {Describe(error)}");
    }

    public static string Describe(Fixed8Error error) => error switch
    {
        Fixed8Error.Empty => "empty",
        Fixed8Error.NoDigits => "a number needs digits on both sides of the point",
        Fixed8Error.InvalidCharacter => "only digits, one '.' and a leading '-' are allowed (no exponent, no '+')",
        Fixed8Error.TooManyDecimals => $"more than {Decimals} decimals",
        Fixed8Error.MultipleDots => "more than one '.'",
        Fixed8Error.Overflow => $"too large (at most {MaxIntegerPart} before the point)",
        _ => "valid",
    };

    /// <summary>Writes the canonical wire form: no exponent, no trailing zeros, no trailing point, zero as "0".</summary>
    public static int Format(long raw, Span<byte> destination)
    {
        if (raw == long.MinValue) throw new OverflowException("long.MinValue has no fixed-point form");
        var pos = 0;
        if (raw < 0)
        {
            destination[pos++] = (byte)'-';
            raw = -raw;
        }
        var integer = raw / Scale;
        var fraction = raw % Scale;
        pos += WriteDigits((ulong)integer, destination[pos..]);
        if (fraction != 0)
        {
            var digits = Decimals;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }
            destination[pos++] = (byte)'.';
            for (var k = digits - 1; k >= 0; k--)
            {
                destination[pos + k] = (byte)('0' + fraction % 10);
                fraction /= 10;
            }
            pos += digits;
        }
        return pos;
    }

    public static string ToString(long raw)
    {
        Span<byte> buffer = stackalloc byte[MaxFormattedLength];
        return System.Text.Encoding.ASCII.GetString(buffer[..Format(raw, buffer)]);
    }

    public static decimal ToDecimal(long raw) => raw / (decimal)Scale;

    /// <summary>Converts exactly, or throws when <paramref name="value"/> has more than 8 decimals or does not fit.</summary>
    public static long FromDecimal(decimal value)
    {
        var scaled = value * Scale;
        if (scaled != decimal.Truncate(scaled)) throw new ArgumentException($"{value} has more than {Decimals} decimals", nameof(value));
        return decimal.ToInt64(scaled);
    }

    public static double ToDouble(long raw) => raw / (double)Scale;

    private static int WriteDigits(ulong value, Span<byte> destination)
    {
        var count = 1;
        for (var v = value; v >= 10; v /= 10) count++;
        for (var k = count - 1; k >= 0; k--)
        {
            destination[k] = (byte)('0' + value % 10);
            value /= 10;
        }
        return count;
    }
}
