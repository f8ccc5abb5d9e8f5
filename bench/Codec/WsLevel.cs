using System.Text.Json.Serialization;

namespace HlScalper.Bench.Codec;

// What a C# user would write to read the feed with JsonSerializer: plain DTO classes mirroring the messages.

/// <summary>One book level.</summary>
public sealed class WsLevel
{
    [JsonPropertyName("px")] public string Px { get; set; } = "";
    [JsonPropertyName("sz")] public string Sz { get; set; } = "";
    [JsonPropertyName("n")] public int N { get; set; }
}
