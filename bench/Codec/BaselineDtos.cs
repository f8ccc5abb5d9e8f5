using System.Text.Json.Serialization;

namespace HlScalper.Bench.Codec;

// What a C# user would write to read the feed with JsonSerializer: plain DTO classes mirroring the messages.

/// <summary>The message envelope: channel and data.</summary>
public sealed class WsEnvelope<T>
{
    [JsonPropertyName("channel")] public string Channel { get; set; } = "";
    [JsonPropertyName("data")] public T? Data { get; set; }
}

/// <summary>l2Book data.</summary>
public sealed class WsBook
{
    [JsonPropertyName("coin")] public string Coin { get; set; } = "";
    [JsonPropertyName("time")] public long Time { get; set; }
    [JsonPropertyName("levels")] public List<List<WsLevel>> Levels { get; set; } = [];
}

/// <summary>One book level.</summary>
public sealed class WsLevel
{
    [JsonPropertyName("px")] public string Px { get; set; } = "";
    [JsonPropertyName("sz")] public string Sz { get; set; } = "";
    [JsonPropertyName("n")] public int N { get; set; }
}

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
