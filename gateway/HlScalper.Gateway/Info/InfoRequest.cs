using System.Text.Json.Serialization;

namespace HlScalper.Gateway.Info;

/// <summary>The body of an /info request; absent fields are omitted.</summary>
internal sealed record InfoRequest(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("coin")] string? Coin = null,
    [property: JsonPropertyName("user")] string? User = null,
    [property: JsonPropertyName("startTime")] long? StartTime = null,
    [property: JsonPropertyName("endTime")] long? EndTime = null,
    [property: JsonPropertyName("req")] CandleRequest? Req = null);

/// <summary>The <c>req</c> object of <c>candleSnapshot</c>.</summary>
internal sealed record CandleRequest(
    [property: JsonPropertyName("coin")] string Coin,
    [property: JsonPropertyName("interval")] string Interval,
    [property: JsonPropertyName("startTime")] long StartTime,
    [property: JsonPropertyName("endTime")] long EndTime);
