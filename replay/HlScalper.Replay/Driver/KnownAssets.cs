using HlScalper.Engine.Numbers;

namespace HlScalper.Replay.Driver;

/// <summary>Exchange metadata of the perps the recorded samples cover (from Hyperliquid's <c>meta</c>), so replays need no network.</summary>
public static class KnownAssets
{
    private static readonly AssetMeta[] Perps =
    [
        AssetMeta.BtcPerp,
        new("ETH", 1, 4, 25),
        new("SOL", 5, 2, 20),
    ];

    /// <summary>The perp named <paramref name="coin"/>, or one with <paramref name="szDecimals"/> when given (an unknown coin needs it).</summary>
    public static AssetMeta Find(string coin, int? szDecimals = null)
    {
        var known = Perps.FirstOrDefault(a => string.Equals(a.Name, coin, StringComparison.OrdinalIgnoreCase));
        if (szDecimals is { } d) return (known ?? new AssetMeta(coin, -1, d, 1)) with { SzDecimals = d };
        return known ?? throw new ArgumentException($"no size decimals known for '{coin}' (known: {string.Join(", ", Perps.Select(a => a.Name))}); pass --sz-decimals");
    }
}
