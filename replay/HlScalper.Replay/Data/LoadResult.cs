using HlScalper.Replay.Driver;

namespace HlScalper.Replay.Data;

/// <summary>Everything loaded from a set of tick files: the merged tape and what each file held.</summary>
public sealed record LoadResult(EventTape Tape, IReadOnlyList<FileReport> Files, long DuplicateTrades, IReadOnlyDictionary<ushort, long> DuplicatesByCoin);
