using System.Text.Json.Serialization;

namespace HlScalper.Protocol.Info;

/// <summary>One perp market; its index in the universe is its asset id.</summary>
public sealed record PerpAsset(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("szDecimals")] int SzDecimals,
    [property: JsonPropertyName("maxLeverage")] int MaxLeverage,
    [property: JsonPropertyName("onlyIsolated")] bool? OnlyIsolated = null,
    [property: JsonPropertyName("isDelisted")] bool? IsDelisted = null);
