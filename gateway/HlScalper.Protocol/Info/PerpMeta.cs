using System.Text.Json.Serialization;

namespace HlScalper.Protocol.Info;

// Response shapes of /info (spec §9). Decimals stay strings, exactly as sent: callers convert with
// Fixed8 where they need numbers, so nothing passes through double.

/// <summary><c>meta</c>: the perp universe.</summary>
public sealed record PerpMeta([property: JsonPropertyName("universe")] List<PerpAsset> Universe);
