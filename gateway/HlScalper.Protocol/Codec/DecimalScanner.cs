using System.Runtime.CompilerServices;
using HlScalper.Engine.Numbers;

namespace HlScalper.Protocol.Codec;

/// <summary>The codec's decimal parser: the common wire shapes (≤ 10 integer digits, ≤ 8 decimals) without a division per digit, everything else through <see cref="Fixed8.TryParse"/>; a leading zero before another digit is refused.</summary>
/// <remarks>
/// <see cref="Fixed8.TryParse"/> guards every integer digit against overflow with a division; a 20×20 book
/// has 80 numbers, so that guard was a large share of a book's parse. Ten integer digits cannot overflow
/// (10¹⁰ × 10⁸ &lt; 2⁶³), so the fast path needs no guard. Results are identical to
/// <see cref="Fixed8.TryParse"/> (a property test holds it to that), except that the wire never writes a leading
/// zero ("007.5", "-01"): such a string is corrupt, and both parsers refuse it.
/// </remarks>
internal static class DecimalScanner
{
    private static readonly long[] FractionScale = [100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> text, out long value)
    {
        var i = 0;
        var negative = (uint)text.Length > 0 && text[0] == (byte)'-';
        if (negative) i = 1;
        var start = i;
        if (text.Length > start + 1 && text[start] == (byte)'0' && (uint)(text[start + 1] - '0') <= 9)
        {
            value = 0;
            return false;
        }
        ulong integer = 0;
        while ((uint)i < (uint)text.Length)
        {
            var d = (uint)(text[i] - (byte)'0');
            if (d > 9) break;
            integer = integer * 10 + d;
            i++;
        }
        var intDigits = i - start;
        if (intDigits is 0 or > 10) return Slow(text, out value);
        ulong fraction = 0;
        var fracDigits = 0;
        if ((uint)i < (uint)text.Length)
        {
            if (text[i] != (byte)'.') return Slow(text, out value);
            i++;
            while ((uint)i < (uint)text.Length)
            {
                var d = (uint)(text[i] - (byte)'0');
                if (d > 9 || fracDigits == 8) return Slow(text, out value);
                fraction = fraction * 10 + d;
                fracDigits++;
                i++;
            }
            if (fracDigits == 0) return Slow(text, out value);
        }
        var raw = (long)(integer * 100_000_000UL + fraction * (ulong)FractionScale[fracDigits]);
        value = negative ? -raw : raw;
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool Slow(ReadOnlySpan<byte> text, out long value) => Fixed8.TryParse(text, out value) == Fixed8Error.None;
}
