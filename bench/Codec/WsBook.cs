using System.Text.Json.Serialization;

namespace HlScalper.Bench.Codec;

// What a C# user would write to read the feed with JsonSerializer: plain DTO classes mirroring the messages.

/// <summary>l2Book data.</summary>
public sealed class WsBook
{
    [JsonPropertyName("coin")] public string Coin { get; set; } = "";
    [JsonPropertyName("time")] public long Time { get; set; }
    [JsonPropertyName("levels")] public List<List<WsLevel>> Levels { get; set; } = [];
}
