using System.Buffers.Binary;
using Parquet;

namespace HlScalper.Replay.Data;

/// <summary>Opens Parquet.Net's reader only on a file whose footer length fits in the file.</summary>
/// <remarks>
/// Parquet.Net allocates whatever footer length a file's last eight bytes claim before it reads a byte of it: a damaged
/// tail claiming int.MaxValue threw an <see cref="OutOfMemoryException"/>, which no caller may turn into a report, and a
/// claim under 2 GB cost that much memory before the short read failed. Checked here, it is an <see cref="IOException"/>
/// naming the claim, which every reader of Parquet inputs already reports with the file's name.
/// </remarks>
public static class CheckedParquetReader
{
    /// <summary>Magic at both ends plus the length field.</summary>
    private const int FrameBytes = 12;

    /// <summary>A Parquet.Net reader over <paramref name="file"/> (seekable), after the tail's footer length is checked against its size.</summary>
    /// <exception cref="IOException">The tail's footer length does not fit in the file.</exception>
    public static Task<ParquetReader> OpenAsync(Stream file, CancellationToken cancel = default)
    {
        var size = file.Length;
        if (size >= FrameBytes)
        {
            Span<byte> tail = stackalloc byte[8];
            file.Seek(-tail.Length, SeekOrigin.End);
            file.ReadExactly(tail);
            file.Seek(0, SeekOrigin.Begin);
            var footer = BinaryPrimitives.ReadInt32LittleEndian(tail);
            // Without the magic it is not Parquet at all, which Parquet.Net says in its own words.
            if (tail[4..].SequenceEqual("PAR1"u8) && !FooterFits(footer, size))
                throw new IOException($"corrupt Parquet footer: its length field claims {footer:N0} bytes, the file holds {size:N0}");
        }
        return ParquetReader.CreateAsync(file, cancellationToken: cancel);
    }

    /// <summary>Whether a footer of <paramref name="footer"/> bytes fits between the magic at the start and the length field and magic at the end of a file of <paramref name="size"/> bytes.</summary>
    internal static bool FooterFits(int footer, long size) => footer > 0 && footer <= size - FrameBytes;
}
