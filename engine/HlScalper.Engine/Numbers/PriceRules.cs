using System.Numerics;

namespace HlScalper.Engine.Numbers;

/// <summary>Hyperliquid's price and size rules on fixed-point raw values: tick at a price, validity, side-aware rounding, lots.</summary>
/// <remarks>
/// A price is valid when it is an integer, or has at most 5 significant figures and at most
/// <c>MAX_DECIMALS − szDecimals</c> decimals (6 for perps, 8 for spot). The tick therefore depends on the
/// price itself: tick(p) = max(10^−D, min(1, 10^(⌊log10 p⌋ − 4))), changing at every power of ten.
/// </remarks>
public static class PriceRules
{
    public const int MaxSignificantFigures = 5;
    public const int PerpMaxDecimals = 6;
    public const int SpotMaxDecimals = 8;

    /// <summary>Decimals a price may have: 6 − szDecimals for perps, 8 − szDecimals for spot.</summary>
    public static int MaxPriceDecimals(int szDecimals, bool spot) => Math.Max(0, (spot ? SpotMaxDecimals : PerpMaxDecimals) - szDecimals);

    /// <summary>The smallest valid price step at <paramref name="raw"/> (raw units, &gt; 0).</summary>
    public static long TickAt(long raw, int szDecimals, bool spot = false)
    {
        if (raw <= 0) throw new ArgumentOutOfRangeException(nameof(raw), raw, "a price must be positive");
        var minTickExp = Fixed8.Decimals - MaxPriceDecimals(szDecimals, spot);      // 10^-D in raw units
        var magnitudeExp = DigitCount(raw) - 1 - MaxSignificantFigures + 1;          // 10^(e-4) in raw units
        var exp = Math.Clamp(magnitudeExp, minTickExp, Fixed8.Decimals);            // never finer than 10^-D, never coarser than 1
        return Fixed8.PowerOf10(exp);
    }

    /// <summary>True when the exchange accepts <paramref name="raw"/> as a price.</summary>
    public static bool IsValid(long raw, int szDecimals, bool spot = false)
    {
        if (raw <= 0) return false;
        if (raw % Fixed8.Scale == 0) return true;
        var minTick = Fixed8.PowerOf10(Fixed8.Decimals - MaxPriceDecimals(szDecimals, spot));
        if (raw % minTick != 0) return false;
        var significant = raw;
        while (significant % 10 == 0) significant /= 10;
        return DigitCount(significant) <= MaxSignificantFigures;
    }

    /// <summary>The largest valid price ≤ <paramref name="raw"/> (bids round down); 0 when no valid price is that small.</summary>
    public static long RoundDown(long raw, int szDecimals, bool spot = false)
    {
        if (raw <= 0) return 0;
        var tick = TickAt(raw, szDecimals, spot);
        return raw - raw % tick;
    }

    /// <summary>The smallest valid price ≥ <paramref name="raw"/> (asks round up).</summary>
    public static long RoundUp(long raw, int szDecimals, bool spot = false)
    {
        if (raw <= 0) return Fixed8.PowerOf10(Fixed8.Decimals - MaxPriceDecimals(szDecimals, spot));
        var tick = TickAt(raw, szDecimals, spot);
        var rem = raw % tick;
        return rem == 0 ? raw : raw - rem + tick;
    }

    /// <summary>The next valid price above a valid price.</summary>
    public static long TickUp(long raw, int szDecimals, bool spot = false) => raw + TickAt(raw, szDecimals, spot);

    /// <summary>The next valid price below a valid price (the tick below a power of ten is the finer one); 0 when there is none.</summary>
    public static long TickDown(long raw, int szDecimals, bool spot = false) =>
        raw <= 1 ? 0 : RoundDown(raw - 1, szDecimals, spot);

    /// <summary>Raw units of one lot: 10^−szDecimals.</summary>
    public static long LotSize(int szDecimals) => Fixed8.PowerOf10(Fixed8.Decimals - szDecimals);

    /// <summary>Rounds a size down to a whole number of lots.</summary>
    public static long RoundSizeDown(long raw, int szDecimals)
    {
        var lot = LotSize(szDecimals);
        return raw - raw % lot;
    }

    public static bool IsValidSize(long raw, int szDecimals) => raw > 0 && raw % LotSize(szDecimals) == 0;

    /// <summary>Decimal digits of a positive value.</summary>
    /// <remarks>
    /// From the bit length instead of a loop of divisions (a 64-bit division is ~40 cycles, a BTC price has 13 digits, and
    /// the strategy asks for the tick several times an event): bits × log10(2) (1233/4096) is the digit count or one short.
    /// </remarks>
    private static int DigitCount(long value)
    {
        if (value < 10) return 1;
        var guess = (BitOperations.Log2((ulong)value) + 1) * 1233 >> 12;
        return guess + (value >= PowersOf10[guess] ? 1 : 0);
    }

    /// <remarks>An array, not a <c>ReadOnlySpan&lt;long&gt;</c> over constant data: unoptimised code (a Debug build) reads such a span
    /// through <c>RuntimeHelpers.CreateSpan</c>, which allocates a field handle object on every call.</remarks>
    private static readonly long[] PowersOf10 =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000, 100_000_000_000,
        1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000, 10_000_000_000_000_000,
        100_000_000_000_000_000, 1_000_000_000_000_000_000,
    ];
}
