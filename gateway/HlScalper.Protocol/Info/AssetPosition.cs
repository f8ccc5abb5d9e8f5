using System.Text.Json.Serialization;

namespace HlScalper.Protocol.Info;

/// <summary>A position entry of the clearinghouse state.</summary>
public sealed record AssetPosition(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("position")] PerpPosition Position);
