using System.Text.Json.Serialization;
using HlScalper.Protocol.Info;

namespace HlScalper.Gateway.Info;

/// <summary>Source-generated (reflection-free) serialisers for every /info request and response.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InfoRequest))]
[JsonSerializable(typeof(PerpMeta))]
[JsonSerializable(typeof(List<AssetCtx>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(L2BookSnapshot))]
[JsonSerializable(typeof(List<Candle>))]
[JsonSerializable(typeof(List<OpenOrder>))]
[JsonSerializable(typeof(List<UserFill>))]
[JsonSerializable(typeof(ClearinghouseState))]
[JsonSerializable(typeof(List<FundingRate>))]
internal sealed partial class InfoJsonContext : JsonSerializerContext;
