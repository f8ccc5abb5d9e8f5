namespace HlScalper.Replay.Data;

/// <summary>What reading one node output file (or one tar entry) found: lines, events of the chosen coin, and what was skipped.</summary>
/// <param name="Path">The file, or <c>archive.tar.gz:entry</c>.</param>
/// <param name="OtherCoinEvents">Well-formed events of other coins, left out.</param>
/// <param name="BadLines">Lines that are not a node envelope (not JSON, no block number, longer than the limit…), skipped.</param>
/// <param name="BadEvents">Events inside good lines that lack a field or carry a bad value, skipped.</param>
public sealed record NodeFileReport(
    string Path, NodeFileKind Kind, bool Streaming, long Lines, long Events, long OtherCoinEvents, long BadLines, long BadEvents, long FirstBlock, long LastBlock);
