using HlScalper.Replay.Data;

namespace HlScalper.Replay.QueueStudy;

/// <summary>Loads a node capture directory: one <c>snapshot_&lt;height&gt;.json[.gz]</c> and a <c>by_block_*.tar.gz</c> or <c>streaming_*.tar.gz</c>.</summary>
public static class NodeCaptureLoader
{
    public static NodeCapture Load(string directory, string coin, NodeSource source, Action<string> log, CancellationToken cancel = default)
    {
        if (!Directory.Exists(directory)) throw new TickDataException($"{directory}: no such directory");
        var snapshotPath = Single(directory, "snapshot_*.json*", "an L4 snapshot");
        var archivePath = Single(directory, source == NodeSource.ByBlock ? "by_block_*.tar.gz" : "streaming_*.tar.gz", $"a {source} archive");
        log($"reading {snapshotPath}");
        var snapshot = NodeSnapshotReader.Read(snapshotPath, coin, cancel);
        log($"reading {archivePath}");
        var builder = new NodeCaptureBuilder();
        var files = NodeOutputReader.ReadArchive(archivePath, coin, builder, log, cancel);
        return builder.Build(snapshot, files);
    }

    /// <summary>The one file matching <paramref name="pattern"/>; an error naming what is missing or ambiguous.</summary>
    private static string Single(string directory, string pattern, string what)
    {
        var matches = Directory.GetFiles(directory, pattern).Order(StringComparer.Ordinal).ToArray();
        return matches.Length switch
        {
            1 => matches[0],
            0 => throw new TickDataException($"{directory}: no {pattern} ({what})"),
            _ => throw new TickDataException($"{directory}: {matches.Length} files match {pattern} ({string.Join(", ", matches.Select(Path.GetFileName))}); keep one"),
        };
    }
}
