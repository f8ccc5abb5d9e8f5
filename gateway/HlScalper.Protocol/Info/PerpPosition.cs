using System.Text.Json.Serialization;

namespace HlScalper.Protocol.Info;

/// <summary>One open position; <c>Szi</c> is signed (negative = short).</summary>
public sealed record PerpPosition(
    [property: JsonPropertyName("coin")] string Coin,
    [property: JsonPropertyName("szi")] string Szi,
    [property: JsonPropertyName("entryPx")] string? EntryPx,
    [property: JsonPropertyName("positionValue")] string PositionValue,
    [property: JsonPropertyName("unrealizedPnl")] string UnrealizedPnl,
    [property: JsonPropertyName("liquidationPx")] string? LiquidationPx,
    [property: JsonPropertyName("marginUsed")] string MarginUsed,
    [property: JsonPropertyName("leverage")] Leverage Leverage);
