namespace HlScalper.Engine.Numbers;

/// <summary>What the engine needs to know about one market: its name, wire asset id, size decimals and leverage cap.</summary>
/// <param name="Name">Coin name as on the wire ("BTC", "@107" for spot pairs).</param>
/// <param name="AssetId">The integer the exchange's actions use (perp index; 10000 + index for spot).</param>
public sealed record AssetMeta(string Name, int AssetId, int SzDecimals, int MaxLeverage, bool IsSpot = false)
{
    public long TickAt(long rawPx) => PriceRules.TickAt(rawPx, SzDecimals, IsSpot);

    public bool IsValidPrice(long rawPx) => PriceRules.IsValid(rawPx, SzDecimals, IsSpot);

    public long RoundPriceDown(long rawPx) => PriceRules.RoundDown(rawPx, SzDecimals, IsSpot);

    public long RoundPriceUp(long rawPx) => PriceRules.RoundUp(rawPx, SzDecimals, IsSpot);

    public long TickUp(long rawPx) => PriceRules.TickUp(rawPx, SzDecimals, IsSpot);

    public long TickDown(long rawPx) => PriceRules.TickDown(rawPx, SzDecimals, IsSpot);

    public long RoundSizeDown(long rawSz) => PriceRules.RoundSizeDown(rawSz, SzDecimals);

    /// <summary>BTC perp as listed on mainnet (asset 0, 5 size decimals, 40× leverage); the built-in default market.</summary>
    public static AssetMeta BtcPerp { get; } = new("BTC", 0, 5, 40);
}
