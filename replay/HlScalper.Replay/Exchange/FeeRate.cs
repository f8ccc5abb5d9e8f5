using HlScalper.Engine.Numbers;

namespace HlScalper.Replay.Exchange;

/// <summary>A fee rate as a raw fixed-point fraction (0.00015 → 15,000), applied to a fill's notional.</summary>
public readonly record struct FeeRate(long Raw)
{
    public static FeeRate FromDecimal(decimal rate) => new(Fixed8.FromDecimal(rate));

    /// <summary>The fee on px × sz, raw quote units, rounded toward zero.</summary>
    public long On(long pxRaw, long szRaw) => (long)((Int128)pxRaw * szRaw / Fixed8.Scale * Raw / Fixed8.Scale);
}
