using System.Text.Json.Serialization;

namespace HlScalper.Protocol.Info;

/// <summary><c>l2Book</c>: bids then asks, best first.</summary>
public sealed record L2BookSnapshot(
    [property: JsonPropertyName("coin")] string Coin,
    [property: JsonPropertyName("time")] long Time,
    [property: JsonPropertyName("levels")] List<List<InfoLevel>> Levels);
