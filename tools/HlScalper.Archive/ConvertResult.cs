using HlScalper.Replay.Data;

namespace HlScalper.Archive;

/// <summary>What <see cref="ArchiveConverter.ConvertAsync"/> wrote and read: hour files, table rows, the time span, and the funding series found.</summary>
public sealed record ConvertResult(int BookFiles, int BookRows, int TradeRows, long FirstTimeMs, long LastTimeMs, int AssetCtxFiles, IReadOnlyList<FundingSeries> Funding);
