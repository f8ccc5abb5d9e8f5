using System.Globalization;

namespace HlScalper.Replay.Exchange;

/// <summary>One of Hyperliquid's perpetuals fee tiers: a 14-day volume tier, optionally with a maker-rebate tier, and the maker and taker rates it pays.</summary>
/// <remarks>
/// Source: Hyperliquid's documentation, Trading → Fees (hyperliquid.gitbook.io/hyperliquid-docs/trading/fees), the
/// perps schedule as published since the tiers' 2025 revision, checked on 2026-12-01. Volume tiers go by 14-day
/// weighted volume (perps + 2 × spot); the maker-rebate tiers go by the account's share of the exchange's 14-day
/// maker volume and replace the maker rate only. Staking discounts, referral discounts and HIP-3 deployer fees are
/// not modelled.
/// </remarks>
public sealed record FeeTier(string Name, string Qualifies, decimal Maker, decimal Taker)
{
    /// <summary>The volume tiers 0–6: (14-day weighted volume, maker, taker).</summary>
    public static IReadOnlyList<FeeTier> Volume { get; } =
    [
        new("0", "14-day volume ≤ $5M", 0.00015m, 0.00045m),
        new("1", "> $5M", 0.00012m, 0.00040m),
        new("2", "> $25M", 0.00008m, 0.00035m),
        new("3", "> $100M", 0.00004m, 0.00030m),
        new("4", "> $500M", 0m, 0.00028m),
        new("5", "> $2B", 0m, 0.00026m),
        new("6", "> $7B", 0m, 0.00024m),
    ];

    /// <summary>The maker-rebate tiers: (share of the exchange's 14-day maker volume, maker rate).</summary>
    public static IReadOnlyList<(string Name, string Share, decimal Maker)> Rebates { get; } =
    [
        ("mm1", "> 0.5 % of maker volume", -0.00001m),
        ("mm2", "> 1.5 % of maker volume", -0.00002m),
        ("mm3", "> 3.0 % of maker volume", -0.00003m),
    ];

    /// <summary>What the break-even table prices: every volume tier, then the rebate tiers on top of tier 6 (a share of the exchange's maker volume that earns a rebate is billions a fortnight).</summary>
    public static IReadOnlyList<FeeTier> Schedule { get; } = [.. Volume, .. Rebates.Select(r => Parse("6+" + r.Name))];

    /// <summary><c>N</c> (volume tier 0–6) or <c>N+mmK</c> (with rebate tier 1–3).</summary>
    /// <exception cref="ArgumentException">Not a tier; the message lists the valid ones.</exception>
    public static FeeTier Parse(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split('+');
        var volume = Volume.FirstOrDefault(t => t.Name == parts[0]);
        if (volume is null || parts.Length > 2) throw Bad(text);
        if (parts.Length == 1) return volume;
        var rebate = Rebates.FirstOrDefault(r => r.Name == parts[1]);
        if (rebate.Name is null) throw Bad(text);
        return new FeeTier($"{volume.Name}+{rebate.Name}", $"{volume.Qualifies}, {rebate.Share}", rebate.Maker, volume.Taker);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"tier {Name} (maker {Maker * 100:0.###} %, taker {Taker * 100:0.###} %)");

    private static ArgumentException Bad(string text) =>
        new($"'{text}' is no fee tier: expected 0 to 6, optionally +mm1, +mm2 or +mm3 for a maker rebate (e.g. 4+mm2)");
}
