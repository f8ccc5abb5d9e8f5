namespace HlScalper.Replay.Data.Compact;

/// <summary>One input file's compact events: a cache file on disk (streamed) or, without a cache, the same bytes in memory.</summary>
/// <param name="Source">The input file it was built from.</param>
/// <param name="CacheFile">The tape file; null when <paramref name="Memory"/> holds it.</param>
internal sealed record TapeSegment(string Source, TapeFileHeader Header, string? CacheFile, ChunkedBytes? Memory)
{
    /// <summary>A new stream over the tape file, at its start.</summary>
    public Stream OpenStream() => CacheFile is { } path
        ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 0, FileOptions.SequentialScan)
        : Memory!.OpenRead();

    /// <summary>A segment held in memory: <paramref name="staging"/>'s events written once, under <paramref name="header"/>.</summary>
    public static TapeSegment InMemory(string source, TapeFileHeader header, CompactStaging staging)
    {
        var memory = new ChunkedBytes();
        using (var writer = memory.Writer()) staging.WriteTo(writer, header);
        return new TapeSegment(source, header, null, memory);
    }

    /// <summary>Tables <c>convert</c> wrote from one tape sit in one folder and share their tie orders.</summary>
    public string SourceKey => Path.GetDirectoryName(Path.GetFullPath(Source)) ?? "";
}
