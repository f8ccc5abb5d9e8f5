using System.Text.Json.Serialization;

namespace HlScalper.Protocol.Info;

// Response shapes of /info (spec §9). Decimals stay strings, exactly as sent: callers convert with
// Fixed8 where they need numbers, so nothing passes through double.

/// <summary><c>meta</c>: the perp universe.</summary>
public sealed record PerpMeta([property: JsonPropertyName("universe")] List<PerpAsset> Universe);

/// <summary>One perp market; its index in the universe is its asset id.</summary>
public sealed record PerpAsset(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("szDecimals")] int SzDecimals,
    [property: JsonPropertyName("maxLeverage")] int MaxLeverage,
    [property: JsonPropertyName("onlyIsolated")] bool? OnlyIsolated = null,
    [property: JsonPropertyName("isDelisted")] bool? IsDelisted = null);

/// <summary>One market's live context (<c>metaAndAssetCtxs</c>); <c>MidPx</c>, <c>Premium</c>, <c>ImpactPxs</c> may be null.</summary>
public sealed record AssetCtx(
    [property: JsonPropertyName("funding")] string Funding,
    [property: JsonPropertyName("openInterest")] string OpenInterest,
    [property: JsonPropertyName("prevDayPx")] string PrevDayPx,
    [property: JsonPropertyName("dayNtlVlm")] string DayNtlVlm,
    [property: JsonPropertyName("markPx")] string MarkPx,
    [property: JsonPropertyName("oraclePx")] string OraclePx,
    [property: JsonPropertyName("midPx")] string? MidPx = null,
    [property: JsonPropertyName("premium")] string? Premium = null,
    [property: JsonPropertyName("impactPxs")] List<string>? ImpactPxs = null);

/// <summary>One book level as REST sends it.</summary>
public sealed record InfoLevel(
    [property: JsonPropertyName("px")] string Px,
    [property: JsonPropertyName("sz")] string Sz,
    [property: JsonPropertyName("n")] int N);

/// <summary><c>l2Book</c>: bids then asks, best first.</summary>
public sealed record L2BookSnapshot(
    [property: JsonPropertyName("coin")] string Coin,
    [property: JsonPropertyName("time")] long Time,
    [property: JsonPropertyName("levels")] List<List<InfoLevel>> Levels);

/// <summary>One <c>candleSnapshot</c> row: open/close ms, coin, interval, OHLC and volume strings, trade count.</summary>
public sealed record Candle(
    [property: JsonPropertyName("t")] long OpenTime,
    [property: JsonPropertyName("T")] long CloseTime,
    [property: JsonPropertyName("s")] string Coin,
    [property: JsonPropertyName("i")] string Interval,
    [property: JsonPropertyName("o")] string Open,
    [property: JsonPropertyName("h")] string High,
    [property: JsonPropertyName("l")] string Low,
    [property: JsonPropertyName("c")] string Close,
    [property: JsonPropertyName("v")] string Volume,
    [property: JsonPropertyName("n")] long Trades);

/// <summary>A resting order (<c>openOrders</c>).</summary>
public sealed record OpenOrder(
    [property: JsonPropertyName("coin")] string Coin,
    [property: JsonPropertyName("side")] string Side,
    [property: JsonPropertyName("limitPx")] string LimitPx,
    [property: JsonPropertyName("sz")] string Sz,
    [property: JsonPropertyName("oid")] long Oid,
    [property: JsonPropertyName("timestamp")] long Timestamp,
    [property: JsonPropertyName("origSz")] string? OrigSz = null,
    [property: JsonPropertyName("cloid")] string? Cloid = null,
    [property: JsonPropertyName("reduceOnly")] bool? ReduceOnly = null);

/// <summary>One fill (<c>userFills</c>), the same object as the WebSocket's.</summary>
public sealed record UserFill(
    [property: JsonPropertyName("coin")] string Coin,
    [property: JsonPropertyName("px")] string Px,
    [property: JsonPropertyName("sz")] string Sz,
    [property: JsonPropertyName("side")] string Side,
    [property: JsonPropertyName("time")] long Time,
    [property: JsonPropertyName("startPosition")] string StartPosition,
    [property: JsonPropertyName("dir")] string Dir,
    [property: JsonPropertyName("closedPnl")] string ClosedPnl,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("oid")] long Oid,
    [property: JsonPropertyName("crossed")] bool Crossed,
    [property: JsonPropertyName("fee")] string Fee,
    [property: JsonPropertyName("tid")] long Tid,
    [property: JsonPropertyName("feeToken")] string? FeeToken = null,
    [property: JsonPropertyName("cloid")] string? Cloid = null);

/// <summary>Account totals of a clearinghouse state.</summary>
public sealed record MarginSummary(
    [property: JsonPropertyName("accountValue")] string AccountValue,
    [property: JsonPropertyName("totalNtlPos")] string TotalNtlPos,
    [property: JsonPropertyName("totalRawUsd")] string TotalRawUsd,
    [property: JsonPropertyName("totalMarginUsed")] string TotalMarginUsed);

/// <summary>Leverage of a position: <c>cross</c> or <c>isolated</c>, and its value.</summary>
public sealed record Leverage(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("value")] int Value);

/// <summary>One open position; <c>Szi</c> is signed (negative = short).</summary>
public sealed record Position(
    [property: JsonPropertyName("coin")] string Coin,
    [property: JsonPropertyName("szi")] string Szi,
    [property: JsonPropertyName("entryPx")] string? EntryPx,
    [property: JsonPropertyName("positionValue")] string PositionValue,
    [property: JsonPropertyName("unrealizedPnl")] string UnrealizedPnl,
    [property: JsonPropertyName("liquidationPx")] string? LiquidationPx,
    [property: JsonPropertyName("marginUsed")] string MarginUsed,
    [property: JsonPropertyName("leverage")] Leverage Leverage);

/// <summary>A position entry of the clearinghouse state.</summary>
public sealed record AssetPosition(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("position")] Position Position);

/// <summary><c>clearinghouseState</c>: margin, positions, withdrawable.</summary>
public sealed record ClearinghouseState(
    [property: JsonPropertyName("marginSummary")] MarginSummary MarginSummary,
    [property: JsonPropertyName("crossMarginSummary")] MarginSummary CrossMarginSummary,
    [property: JsonPropertyName("assetPositions")] List<AssetPosition> AssetPositions,
    [property: JsonPropertyName("withdrawable")] string Withdrawable,
    [property: JsonPropertyName("time")] long Time);

/// <summary>One hourly funding record (<c>fundingHistory</c>).</summary>
public sealed record FundingRate(
    [property: JsonPropertyName("coin")] string Coin,
    [property: JsonPropertyName("fundingRate")] string Rate,
    [property: JsonPropertyName("premium")] string Premium,
    [property: JsonPropertyName("time")] long Time);
