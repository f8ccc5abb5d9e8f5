using System.Text.Json.Serialization;

namespace HlScalper.Protocol.Info;

/// <summary>One <c>candleSnapshot</c> row: open/close ms, coin, interval, OHLC and volume strings, trade count.</summary>
public sealed record Candle(
    [property: JsonPropertyName("t")] long OpenTime,
    [property: JsonPropertyName("T")] long CloseTime,
    [property: JsonPropertyName("s")] string Coin,
    [property: JsonPropertyName("i")] string Interval,
    [property: JsonPropertyName("o")] string Open,
    [property: JsonPropertyName("h")] string High,
    [property: JsonPropertyName("l")] string Low,
    [property: JsonPropertyName("c")] string Close,
    [property: JsonPropertyName("v")] string Volume,
    [property: JsonPropertyName("n")] long Trades);
