using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace HlScalper.Replay.Data;

/// <summary>The leaf column names of a Parquet file, read from its footer's schema alone: what telling the collector's tables from the tick tables needs.</summary>
/// <remarks>
/// Every Parquet input is classified before it is read, and a full footer parse (Parquet.Net: every column chunk's
/// metadata and statistics, 127 of them in a book table) was ~4 % of a Parquet load only to learn the names. The schema
/// is the footer's second field, ahead of the row groups, so the walk stops there. Whatever it does not read cleanly
/// (cut, damaged, a footer past <see cref="MaxFooterBytes"/>, an unexpected shape) answers null, and the caller asks
/// Parquet.Net, which reports the damage as it always has.
/// </remarks>
internal static class ParquetFooterSchema
{
    /// <summary>Larger footers are left to Parquet.Net: this tool's tables take tens of kilobytes, and a damaged length must not cost a large buffer.</summary>
    public const int MaxFooterBytes = 16 << 20;

    /// <summary>parquet.thrift: <c>FileMetaData.schema</c>, and in a <c>SchemaElement</c> its <c>type</c> (set on leaves only) and <c>name</c>.</summary>
    private const short SchemaField = 2, TypeField = 1, NameField = 4;

    /// <summary>The names of the file's leaf (data) columns, or null when its footer does not read cleanly here.</summary>
    public static HashSet<string>? TryReadLeafNames(string path)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        var size = RandomAccess.GetLength(file);
        Span<byte> tail = stackalloc byte[8];
        if (size < 12 || !TryReadAt(file, tail, size - tail.Length) || !tail[4..].SequenceEqual("PAR1"u8)) return null;
        var length = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (!CheckedParquetReader.FooterFits(length, size) || length > MaxFooterBytes) return null;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var footer = rented.AsSpan(0, length);
            return TryReadAt(file, footer, size - tail.Length - length) ? TryParse(footer) : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The leaf names of a footer (the Thrift-encoded <c>FileMetaData</c>), or null.</summary>
    public static HashSet<string>? TryParse(ReadOnlySpan<byte> footer)
    {
        var reader = new ThriftCompactReader(footer);
        short last = 0;
        while (true)
        {
            if (!reader.TryReadField(ref last, out var kind, out var id) || kind == ThriftCompactReader.Stop) return null;
            if (id == SchemaField) return kind == ThriftCompactReader.List ? TryReadSchema(ref reader) : null;
            if (!reader.TrySkip(kind)) return null;
        }
    }

    private static HashSet<string>? TryReadSchema(ref ThriftCompactReader reader)
    {
        if (!reader.TryReadListHeader(out var element, out var count) || element != ThriftCompactReader.Struct) return null;
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            string? name = null;
            var leaf = false;
            short last = 0;
            while (true)
            {
                if (!reader.TryReadField(ref last, out var kind, out var id)) return null;
                if (kind == ThriftCompactReader.Stop) break;
                var read = (id, kind) switch
                {
                    (TypeField, ThriftCompactReader.I32) => leaf = reader.TryReadI32(out _),
                    (NameField, ThriftCompactReader.Binary) => TryReadName(ref reader, out name),
                    (TypeField or NameField, _) => false,
                    _ => reader.TrySkip(kind),
                };
                if (!read) return null;
            }
            if (name is null) return null;
            if (leaf) names.Add(name);
        }
        return names;
    }

    private static bool TryReadName(ref ThriftCompactReader reader, out string? name)
    {
        name = reader.TryReadBinary(out var utf8) ? Encoding.UTF8.GetString(utf8) : null;
        return name is not null;
    }

    private static bool TryReadAt(Microsoft.Win32.SafeHandles.SafeFileHandle file, Span<byte> into, long offset)
    {
        for (var done = 0; done < into.Length;)
        {
            var read = RandomAccess.Read(file, into[done..], offset + done);
            if (read <= 0) return false;
            done += read;
        }
        return true;
    }
}
