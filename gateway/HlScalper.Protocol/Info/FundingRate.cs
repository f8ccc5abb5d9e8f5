using System.Text.Json.Serialization;

namespace HlScalper.Protocol.Info;

/// <summary>One hourly funding record (<c>fundingHistory</c>).</summary>
public sealed record FundingRate(
    [property: JsonPropertyName("coin")] string Coin,
    [property: JsonPropertyName("fundingRate")] string Rate,
    [property: JsonPropertyName("premium")] string Premium,
    [property: JsonPropertyName("time")] long Time);
