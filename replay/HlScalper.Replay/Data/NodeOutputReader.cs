using System.Formats.Tar;
using System.IO.Compression;

namespace HlScalper.Replay.Data;

/// <summary>Reads the node's per-block outputs (order statuses, raw book diffs, fills; by-block or streaming) from a <c>.tar.gz</c> of its <c>hl/data</c> tree or from one line file.</summary>
/// <remarks>
/// Hostile input is normal input: a bad line is reported (the first <see cref="JsonTickReader.ReportedBadLines"/>
/// per file), counted and skipped; a line longer than <see cref="MaxLineBytes"/> is dropped without being
/// buffered; cut or corrupt compression or tar structure is a <see cref="TickDataException"/> naming the
/// file, the entry and the line.
/// </remarks>
public static class NodeOutputReader
{
    /// <summary>A by-block order-status line of every coin in a busy block runs to megabytes; nothing real comes near this.</summary>
    public const int MaxLineBytes = 256 << 20;

    /// <summary>Reads every node output file inside a <c>.tar.gz</c> (other entries are skipped and logged).</summary>
    public static IReadOnlyList<NodeFileReport> ReadArchive(string path, string coin, INodeEventSink sink, Action<string> log, CancellationToken cancel = default)
    {
        if (!File.Exists(path)) throw new TickDataException($"{path}: no such file");
        var reports = new List<NodeFileReport>();
        var entryName = "(before the first entry)";
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                cancel.ThrowIfCancellationRequested();
                entryName = entry.Name;
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null) continue;
                if (!TryClassify(entry.Name, out var kind, out var streaming))
                {
                    log($"{path}:{entry.Name}: not a node output file, skipped");
                    continue;
                }
                reports.Add(ReadLines(entry.DataStream, $"{path}:{entry.Name}", kind, streaming, coin, sink, log, cancel));
            }
        }
        catch (Exception e) when (FormatDetector.IsCorruptData(e))
        {
            throw new TickDataException($"{path}: corrupt or cut tar.gz at entry {entryName}: {e.Message}", e);
        }
        return reports;
    }

    /// <summary>Reads one node output file's lines from <paramref name="stream"/> (already decompressed); <paramref name="name"/> names it in messages.</summary>
    public static NodeFileReport ReadLines(
        Stream stream, string name, NodeFileKind kind, bool streaming, string coin, INodeEventSink sink, Action<string> log, CancellationToken cancel = default, int maxLineBytes = MaxLineBytes)
    {
        var parser = new NodeLineParser(coin);
        var lines = new LineReader(stream, initialBuffer: 1 << 16, maxLineBytes);
        long bad = 0, first = -1;
        try
        {
            while (lines.TryReadLine(out var line))
            {
                if ((lines.LineNumber & 0xFF) == 0) cancel.ThrowIfCancellationRequested();
                if (lines.LastLineTooLong)
                {
                    Bad($"longer than {maxLineBytes} bytes");
                    continue;
                }
                if (line.Trim(" \t\r"u8).IsEmpty) continue;
                if (parser.Parse(line, kind, sink) is { } error) Bad(error);
                else if (first < 0) first = parser.LastBlock;
            }
        }
        catch (Exception e) when (FormatDetector.IsCorruptData(e))
        {
            throw new TickDataException($"{name}: corrupt or cut data after line {lines.LineNumber}: {e.Message}", e);
        }
        if (bad > JsonTickReader.ReportedBadLines) log($"{name}: {bad} bad lines skipped in all ({bad - JsonTickReader.ReportedBadLines} not shown)");
        return new NodeFileReport(name, kind, streaming, lines.LineNumber, parser.Events, parser.OtherCoinEvents, bad, parser.BadEvents, first, parser.LastBlock);

        void Bad(string reason)
        {
            if (++bad <= JsonTickReader.ReportedBadLines) log($"{name}:{lines.LineNumber}: {reason} — skipped");
        }
    }

    /// <summary>What a node output path holds, from its directory name (<c>node_fills_by_block/hourly/…</c>, <c>node_raw_book_diffs_streaming/…</c>).</summary>
    public static bool TryClassify(string path, out NodeFileKind kind, out bool streaming)
    {
        kind = NodeFileKind.Fills;
        streaming = path.Contains("_streaming", StringComparison.Ordinal);
        if (!streaming && !path.Contains("_by_block", StringComparison.Ordinal)) return false;
        if (path.Contains("node_order_statuses", StringComparison.Ordinal)) kind = NodeFileKind.OrderStatuses;
        else if (path.Contains("node_raw_book_diffs", StringComparison.Ordinal)) kind = NodeFileKind.RawBookDiffs;
        else if (!path.Contains("node_fills", StringComparison.Ordinal)) return false;
        return true;
    }
}
