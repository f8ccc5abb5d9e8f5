namespace HlScalper.Replay.Data;

/// <summary>The fields of a Parquet page header that decide whether its values can be taken as they lie: the page's kind and sizes, and a v1 data page's value count and encoding.</summary>
/// <param name="Length">Bytes the header itself takes; the page's data follows it.</param>
/// <param name="DataPage">Whether the header carries a (v1) data page header; <paramref name="Values"/>, <paramref name="Encoding"/> and <paramref name="DefinitionLevelEncoding"/> are its (-1 when absent).</param>
internal readonly record struct ParquetPageHeader(int Length, int Type, int UncompressedSize, int CompressedSize, bool DataPage, int Values, int Encoding, int DefinitionLevelEncoding)
{
    /// <summary>parquet.thrift's <c>PageType.DATA_PAGE</c> and <c>Encoding.PLAIN</c>.</summary>
    public const int DataPageType = 0, Plain = 0;

    /// <summary>Reads the header at the start of <paramref name="bytes"/>; false when it is not a well-formed header (cut, damaged or of a shape not expected).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out ParquetPageHeader header)
    {
        header = default;
        var reader = new ThriftCompactReader(bytes);
        int type = -1, uncompressed = -1, compressed = -1, values = -1, encoding = -1, levels = -1;
        var dataPage = false;
        short last = 0;
        while (true)
        {
            if (!reader.TryReadField(ref last, out var kind, out var id)) return false;
            if (kind == ThriftCompactReader.Stop) break;
            var read = (id, kind) switch
            {
                (1, ThriftCompactReader.I32) => reader.TryReadI32(out type),
                (2, ThriftCompactReader.I32) => reader.TryReadI32(out uncompressed),
                (3, ThriftCompactReader.I32) => reader.TryReadI32(out compressed),
                (5, ThriftCompactReader.Struct) => dataPage = TryReadDataPage(ref reader, out values, out encoding, out levels),
                (1 or 2 or 3 or 5, _) => false,
                _ => reader.TrySkip(kind),
            };
            if (!read) return false;
        }
        if (type < 0 || uncompressed < 0 || compressed < 0) return false;
        header = new ParquetPageHeader(reader.Position, type, uncompressed, compressed, dataPage, values, encoding, levels);
        return true;
    }

    private static bool TryReadDataPage(ref ThriftCompactReader reader, out int values, out int encoding, out int levels)
    {
        (values, encoding, levels) = (-1, -1, -1);
        short last = 0;
        while (true)
        {
            if (!reader.TryReadField(ref last, out var kind, out var id)) return false;
            if (kind == ThriftCompactReader.Stop) return values >= 0 && encoding >= 0;
            var read = (id, kind) switch
            {
                (1, ThriftCompactReader.I32) => reader.TryReadI32(out values),
                (2, ThriftCompactReader.I32) => reader.TryReadI32(out encoding),
                (3, ThriftCompactReader.I32) => reader.TryReadI32(out levels),
                (1 or 2 or 3, _) => false,
                _ => reader.TrySkip(kind),
            };
            if (!read) return false;
        }
    }
}
