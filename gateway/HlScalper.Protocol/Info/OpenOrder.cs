using System.Text.Json.Serialization;

namespace HlScalper.Protocol.Info;

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
