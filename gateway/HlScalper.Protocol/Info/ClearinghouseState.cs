using System.Text.Json.Serialization;

namespace HlScalper.Protocol.Info;

/// <summary><c>clearinghouseState</c>: margin, positions, withdrawable.</summary>
public sealed record ClearinghouseState(
    [property: JsonPropertyName("marginSummary")] MarginSummary MarginSummary,
    [property: JsonPropertyName("crossMarginSummary")] MarginSummary CrossMarginSummary,
    [property: JsonPropertyName("assetPositions")] List<AssetPosition> AssetPositions,
    [property: JsonPropertyName("withdrawable")] string Withdrawable,
    [property: JsonPropertyName("time")] long Time);
