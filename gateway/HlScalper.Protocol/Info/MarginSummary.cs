using System.Text.Json.Serialization;

namespace HlScalper.Protocol.Info;

/// <summary>Account totals of a clearinghouse state.</summary>
public sealed record MarginSummary(
    [property: JsonPropertyName("accountValue")] string AccountValue,
    [property: JsonPropertyName("totalNtlPos")] string TotalNtlPos,
    [property: JsonPropertyName("totalRawUsd")] string TotalRawUsd,
    [property: JsonPropertyName("totalMarginUsed")] string TotalMarginUsed);
