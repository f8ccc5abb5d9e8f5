using HlScalper.Engine.Events;

namespace HlScalper.Protocol.Codec;

/// <summary>The exchange's documented refusal texts (spec §10.3) and the order status each means, matched on the UTF-8 bytes: no string on the reply path.</summary>
public static class HlRefusalTexts
{
    /// <summary>The status <paramref name="utf8"/> names by its beginning; <see cref="OrderStatus.Rejected"/> for any other text.</summary>
    public static OrderStatus Classify(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("Price must be divisible by tick size"u8)) return OrderStatus.TickRejected;
        if (utf8.StartsWith("Order must have minimum value"u8)) return OrderStatus.MinTradeNtlRejected;
        if (utf8.StartsWith("Insufficient margin"u8)) return OrderStatus.PerpMarginRejected;
        if (utf8.StartsWith("Reduce only order would increase position"u8)) return OrderStatus.ReduceOnlyRejected;
        if (utf8.StartsWith("Post only order would have immediately matched"u8)) return OrderStatus.BadAloPxRejected;
        if (utf8.StartsWith("Order could not immediately match"u8)) return OrderStatus.IocCancelRejected;
        if (utf8.StartsWith("Invalid TP/SL price"u8)) return OrderStatus.BadTriggerPxRejected;
        if (utf8.StartsWith("No liquidity available for market order"u8)) return OrderStatus.MarketOrderNoLiquidityRejected;
        if (utf8.StartsWith("Order price too far from oracle"u8)) return OrderStatus.OracleRejected;
        if (utf8.StartsWith("Order would increase open interest too quickly"u8)) return OrderStatus.OpenInterestIncreaseRejected;
        if (utf8.StartsWith("(Spot-only) Order has insufficient spot balance"u8)) return OrderStatus.InsufficientSpotBalanceRejected;
        if (utf8.StartsWith("Order would cause position to exceed margin tier"u8)) return OrderStatus.PerpMaxPositionRejected;
        return OrderStatus.Rejected;
    }
}
