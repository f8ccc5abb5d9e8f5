namespace HlScalper.Replay.Data;

/// <summary>What reading one tick file found.</summary>
public sealed record FileReport(string Path, TickFormat Format, long Lines, long Messages, long BadLines, long Events);
