using System.Text.Json.Serialization;

namespace HlScalper.Protocol.Info;

/// <summary>One market's live context (<c>metaAndAssetCtxs</c>); <c>MidPx</c>, <c>Premium</c>, <c>ImpactPxs</c> may be null.</summary>
public sealed record AssetCtx(
    [property: JsonPropertyName("funding")] string Funding,
    [property: JsonPropertyName("openInterest")] string OpenInterest,
    [property: JsonPropertyName("prevDayPx")] string PrevDayPx,
    [property: JsonPropertyName("dayNtlVlm")] string DayNtlVlm,
    [property: JsonPropertyName("markPx")] string MarkPx,
    [property: JsonPropertyName("oraclePx")] string OraclePx,
    [property: JsonPropertyName("midPx")] string? MidPx = null,
    [property: JsonPropertyName("premium")] string? Premium = null,
    [property: JsonPropertyName("impactPxs")] List<string>? ImpactPxs = null);
