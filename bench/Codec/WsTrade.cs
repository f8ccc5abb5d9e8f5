using System.Text.Json.Serialization;

namespace HlScalper.Bench.Codec;

// What a C# user would write to read the feed with JsonSerializer: plain DTO classes mirroring the messages.

/// <summary>One trade.</summary>
public sealed class WsTrade
{
    [JsonPropertyName("coin")] public string Coin { get; set; } = "";
    [JsonPropertyName("side")] public string Side { get; set; } = "";
    [JsonPropertyName("px")] public string Px { get; set; } = "";
    [JsonPropertyName("sz")] public string Sz { get; set; } = "";
    [JsonPropertyName("time")] public long Time { get; set; }
    [JsonPropertyName("hash")] public string Hash { get; set; } = "";
    [JsonPropertyName("tid")] public long Tid { get; set; }
    [JsonPropertyName("users")] public List<string> Users { get; set; } = [];
}
