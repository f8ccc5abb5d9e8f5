using HlScalper.Replay.Data.Collector;
using K4os.Compression.LZ4.Internal;
using K4os.Compression.LZ4.Streams;

namespace HlScalper.Replay.Data;

/// <summary>Recognises a tick file from its content (magic bytes, then the first line), never from its name.</summary>
/// <remarks>It reads at most <see cref="LineReader.DefaultMaxLineLength"/> decompressed bytes: a file with no line break there is no tick file (a 2 GB file of zeros is refused after 2 MiB, not loaded).</remarks>
public static class FormatDetector
{
    /// <summary>The largest block buffer an LZ4 frame decoder asks for: a 4 MB block (the exchange's archives and the <c>lz4</c> tool's
    /// default) and its 64 KB window, rounded up.</summary>
    internal const int Lz4PooledBytes = 8 << 20;

    /// <remarks>
    /// K4os takes a decoder's block buffer from the shared array pool only up to 1 MB; a 4 MB block's buffer is unmanaged memory
    /// announced with <c>GC.AddMemoryPressure</c>, and that pressure induced a full collection on most files opened (35 in 40 opens of the real BTC recording)
    /// (every load detects the format, a tape cache hit too). Pooled, a cache hit of the real BTC recording took 2.43–2.47 ms
    /// against 3.20–3.34 (medians of 200 loads, alternated) and induced no full collection in 200 loads against 86–104.
    /// </remarks>
    static FormatDetector() => PinnedMemory.MaxPooledSize = Math.Max(PinnedMemory.MaxPooledSize, Lz4PooledBytes);

    private static ReadOnlySpan<byte> Lz4Magic => [0x04, 0x22, 0x4D, 0x18];
    private static ReadOnlySpan<byte> GzipMagic => [0x1F, 0x8B];
    private static ReadOnlySpan<byte> ParquetMagic => "PAR1"u8;

    public static TickFormat Detect(string path)
    {
        if (IsParquet(path)) return TickFormat.Parquet;
        var compression = DetectCompression(path);
        using var stream = Open(path, compression);
        var first = FirstLine(stream, path);
        var csv = CollectorColumns.Classify(System.Text.Encoding.UTF8.GetString(first).TrimEnd('\r').Split(','));
        if (csv != CollectorTable.None) return new TickFormat(false, compression, default, csv);
        return new TickFormat(false, compression, ClassifyLine(first) ?? throw new TickDataException(
            $"{path}: unknown format: the first line is neither an archive envelope, '<ns> <message>', a JSON message nor a collector CSV header (starts with '{Preview(first)}')"));
    }

    /// <summary>The file's compression, from its magic bytes (LZ4 frame, gzip, else none).</summary>
    public static Compression DetectCompression(string path) => CompressionOf(Head(path, stackalloc byte[4]));

    private static Compression CompressionOf(ReadOnlySpan<byte> head) =>
        head.StartsWith(Lz4Magic) ? Compression.Lz4Frame : head.StartsWith(GzipMagic) ? Compression.Gzip : Compression.None;

    /// <summary>"PAR1" at the head, or, past a head that is no compressed stream's, at the tail.</summary>
    /// <remarks>
    /// A Parquet file ends with the magic too. A damaged first byte (say 'P' turned to '{') must not make a table pass as a JSON
    /// file: its pages hold line breaks early enough to reach one, and it would read as nothing but bad lines. Called Parquet
    /// by its tail, it fails as Parquet, with an error naming the file. An LZ4 or gzip file's tail is a checksum, so it is not looked at.
    /// </remarks>
    private static bool IsParquet(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[4];
        head = head[..file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
        if (head.SequenceEqual(ParquetMagic)) return true;
        if (CompressionOf(head) != Compression.None || file.Length < 12) return false;
        Span<byte> tail = stackalloc byte[4];
        file.Seek(-tail.Length, SeekOrigin.End);
        return file.ReadAtLeast(tail, tail.Length, throwOnEndOfStream: false) == tail.Length && tail.SequenceEqual(ParquetMagic);
    }

    private static ReadOnlySpan<byte> Head(string path, Span<byte> head)
    {
        using var file = File.OpenRead(path);
        return head[..file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
    }

    /// <summary>A stream of the file's decompressed bytes; a truncated or corrupt LZ4 or gzip file throws when the damage is reached (LZ4 by its end mark and checksums, gzip by its trailer), never ends quietly.</summary>
    public static Stream Open(string path, Compression compression)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return compression switch
        {
            Compression.Lz4Frame => LZ4Stream.Decode(file, leaveOpen: false),
            Compression.Gzip => new GzipTrailerCheck(file),
            _ => file,
        };
    }

    /// <summary>What <paramref name="line"/> is, or null when it is none of the line formats.</summary>
    public static LineFormat? ClassifyLine(ReadOnlySpan<byte> line)
    {
        line = line.TrimStart(" \t\r"u8);
        if (line.IsEmpty) return null;
        if (line[0] is >= (byte)'0' and <= (byte)'9')
        {
            var space = line.IndexOf((byte)' ');
            return space > 0 && line[(space + 1)..].TrimStart((byte)' ') is [(byte)'{', ..] ? LineFormat.NanosPrefixed : null;
        }
        if (line[0] != '{') return null;
        return MessageSlicer.TryFindProperty(line, "raw"u8, out _) && MessageSlicer.TryFindProperty(line, "time"u8, out _)
            ? LineFormat.ArchiveEnvelope
            : LineFormat.PlainMessage;
    }

    private static byte[] FirstLine(Stream stream, string path)
    {
        var limit = LineReader.DefaultMaxLineLength;
        var buffer = new byte[64 * 1024];
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length >= limit)
                        throw new TickDataException($"{path}: unknown format: no line break in the first {limit / (1 << 20)} MiB (a tick file holds one message a line)");
                    Array.Resize(ref buffer, Math.Min(limit, 2 * buffer.Length));
                }
                var n = stream.Read(buffer, length, buffer.Length - length);
                if (n == 0) break;
                var newline = Array.IndexOf(buffer, (byte)'\n', length, n);
                length += n;
                if (newline >= 0) return buffer[..newline];
            }
        }
        catch (Exception e) when (IsCorruptData(e))
        {
            // A damaged file whose first line is whole is still recognisable; the reader reports the damage where it lies.
            var newline = Array.IndexOf(buffer, (byte)'\n', 0, length);
            if (newline >= 0) return buffer[..newline];
            throw new TickDataException($"{path}: cannot decompress: {e.Message}", e);
        }
        return buffer[..length];
    }

    /// <summary>True for what a decompressor throws on corrupt input; its exception types are not documented, so anything but cancellation counts.</summary>
    internal static bool IsCorruptData(Exception e) => e is not (OperationCanceledException or TickDataException or OutOfMemoryException);

    internal static string Preview(ReadOnlySpan<byte> bytes) =>
        System.Text.Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 60)]).Replace('\n', ' ');
}
