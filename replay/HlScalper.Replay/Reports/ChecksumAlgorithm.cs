namespace HlScalper.Replay.Reports;

/// <summary>The hash a file's column checksums were made with, told by their metadata key (<see cref="ColumnChecksums"/>).</summary>
public enum ChecksumAlgorithm
{
    /// <summary>XXH3 (64-bit): what this tool writes.</summary>
    Xxh3,

    /// <summary>XXH64: what tables written before 2026-12-02 carry; still checked when read.</summary>
    Xxh64,
}
