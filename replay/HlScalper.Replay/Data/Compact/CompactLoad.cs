namespace HlScalper.Replay.Data.Compact;

/// <summary>Tick files loaded as a <see cref="CompactTape"/>: the tape, what each file held, and trades dropped per coin as repeats within a file.</summary>
public sealed record CompactLoad(CompactTape Tape, IReadOnlyList<FileReport> Files, IReadOnlyDictionary<ushort, long> DuplicatesByCoin);
