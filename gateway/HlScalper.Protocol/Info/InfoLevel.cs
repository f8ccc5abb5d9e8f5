using System.Text.Json.Serialization;

namespace HlScalper.Protocol.Info;

/// <summary>One book level as REST sends it.</summary>
public sealed record InfoLevel(
    [property: JsonPropertyName("px")] string Px,
    [property: JsonPropertyName("sz")] string Sz,
    [property: JsonPropertyName("n")] int N);
