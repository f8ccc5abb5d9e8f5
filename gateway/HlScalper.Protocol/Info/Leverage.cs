using System.Text.Json.Serialization;

namespace HlScalper.Protocol.Info;

/// <summary>Leverage of a position: <c>cross</c> or <c>isolated</c>, and its value.</summary>
public sealed record Leverage(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("value")] int Value);
