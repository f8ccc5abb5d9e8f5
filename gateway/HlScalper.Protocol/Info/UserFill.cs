using System.Text.Json.Serialization;

namespace HlScalper.Protocol.Info;

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
