using System.Text.Json.Serialization;

namespace HlScalper.Bench.Codec;

// What a C# user would write to read the feed with JsonSerializer: plain DTO classes mirroring the messages.

/// <summary>The message envelope: channel and data.</summary>
public sealed class WsEnvelope<T>
{
    [JsonPropertyName("channel")] public string Channel { get; set; } = "";
    [JsonPropertyName("data")] public T? Data { get; set; }
}
