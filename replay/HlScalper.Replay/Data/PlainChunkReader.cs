using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using HlScalper.Replay.Data.Compact;
using K4os.Compression.LZ4;
using Parquet.Meta;
using Parquet.Schema;

namespace HlScalper.Replay.Data;

/// <summary>Reads column chunks of the shape this tool writes — one PLAIN data page, LZ4_RAW or uncompressed — straight from the file (a row group's chunks in one read, see <see cref="Preload"/>): one decompression, no copies through Parquet.Net's pages.</summary>
/// <remarks>
/// Parquet.Net reads a page through a sub-stream copied into a growing <see cref="MemoryStream"/>, then into a fresh array,
/// decompresses that into rented memory and decodes the PLAIN values from there into the caller's span: four copies and a
/// large-object array per long column of a row group, and for the coin column a UTF-8 decode and a new string per row. A PLAIN
/// page of little-endian integers already is the values, so it is decompressed into the destination itself; a string column
/// makes one string per run of equal names. Anything of another shape (a dictionary, several pages, another codec, a header this
/// reader cannot follow, a page that does not decode to exactly its rows) answers false and is left to Parquet.Net, which reads
/// every form and reports damage as before; the caller holds what is read here to the same column checksums.
/// </remarks>
internal sealed class PlainChunkReader(BlockingReadStream file) : IDisposable
{
    /// <summary>Room allowed for a page header beyond the page's data: statistics of two values take a few tens of bytes.</summary>
    private const int MaxHeaderBytes = 4096;

    /// <summary>Longest string page read here, per row: a length and a name of up to 60 bytes (coin names are a few), so a damaged size cannot cost a large buffer.</summary>
    private const int MaxStringBytes = 64;

    /// <summary>parquet.thrift's <c>Encoding.RLE</c>, the definition levels' encoding.</summary>
    private const int Rle = 3;

    /// <summary>Largest row group read in one piece by <see cref="Preload"/>; a larger one (or a damaged footer's claim) is read chunk by chunk.</summary>
    private const long MaxWindowBytes = 64L << 20;

    private byte[] _chunk = [];
    private byte[] _page = [];
    private byte[] _window = [];
    private long _windowStart;
    private int _windowLength;

    /// <summary>Reads the column chunks of a row group, lying between <paramref name="start"/> and <paramref name="end"/>, in one read, so each
    /// chunk is then taken from memory: a read a column chunk was ~130 system calls a book table load, ~9 % of its time on a VM.</summary>
    /// <remarks>Bytes the file does not hold are not an error here: a chunk outside what was read is read on its own, and fails as before.</remarks>
    public void Preload(long start, long end)
    {
        _windowLength = 0;
        if (start < 0 || end <= start || end - start > MaxWindowBytes || start >= file.Length) return;
        var length = (int)(Math.Min(end, file.Length) - start);
        Rent(ref _window, length);
        _windowStart = start;
        _windowLength = file.ReadAt(start, _window.AsSpan(0, length));
    }

    /// <summary>Fills <paramref name="values"/> (<see cref="long"/> or <see cref="int"/>) from a required INT64 or INT32 chunk; false, with <paramref name="values"/> in an unspecified state, when it must be read by Parquet.Net.</summary>
    public bool TryReadIntegers<T>(ColumnChunk? chunk, DataField field, Span<T> values) where T : unmanaged
    {
        var type = typeof(T) == typeof(long) ? Parquet.Meta.Type.INT64 : typeof(T) == typeof(int) ? Parquet.Meta.Type.INT32 : (Parquet.Meta.Type?)null;
        if (type is null || field.ClrType != typeof(T) || field.MaxDefinitionLevel != 0) return false;
        var destination = MemoryMarshal.AsBytes(values);
        if (!TryReadPage(chunk, field, type.Value, values.Length, destination.Length, out var header, out var page)) return false;
        if (header.UncompressedSize != destination.Length) return false;
        return TryDecompress(chunk!.MetaData!.Codec, page, destination);
    }

    /// <summary>Fills <paramref name="values"/> from a BYTE_ARRAY chunk of UTF-8 strings, required or with nulls; false when it must be read by Parquet.Net.</summary>
    public bool TryReadStrings(ColumnChunk? chunk, DataField field, string?[] values)
    {
        if (field.MaxDefinitionLevel > 1 || (field.ClrType != typeof(string) && field.ClrType != typeof(ReadOnlyMemory<char>))) return false;
        var most = (long)values.Length * MaxStringBytes + 1024;
        if (!TryReadPage(chunk, field, Parquet.Meta.Type.BYTE_ARRAY, values.Length, most, out var header, out var page)) return false;
        if (header.UncompressedSize > most) return false;
        Rent(ref _page, header.UncompressedSize);
        var plain = _page.AsSpan(0, header.UncompressedSize);
        if (!TryDecompress(chunk!.MetaData!.Codec, page, plain)) return false;
        if (field.MaxDefinitionLevel == 0)
        {
            var all = new StringRuns(plain);
            return all.Take(values, 0, values.Length, defined: true) && all.Done;
        }
        if (header.DefinitionLevelEncoding != Rle || plain.Length < 4) return false;
        var levelBytes = BinaryPrimitives.ReadInt32LittleEndian(plain);
        if (levelBytes < 0 || levelBytes > plain.Length - 4) return false;
        var strings = new StringRuns(plain[(4 + levelBytes)..]);
        return TryReadWithLevels(plain.Slice(4, levelBytes), ref strings, values) && strings.Done;
    }

    /// <summary>Walks the definition levels run by run, taking a string for each defined row.</summary>
    /// <remarks>Levels are an RLE/bit-packed hybrid one bit wide; Parquet.Net writes them as RLE runs only (a run of one for a lone
    /// null), so a bit-packed group, which other writers use, is left to Parquet.Net rather than read by code no file here exercises.</remarks>
    private static bool TryReadWithLevels(ReadOnlySpan<byte> levels, ref StringRuns strings, string?[] values)
    {
        int row = 0, at = 0;
        while (row < values.Length)
        {
            if (!Varint.TryRead(levels, ref at, out var head) || (head & 1) != 0) return false;
            var count = head >> 1;
            if (at >= levels.Length || levels[at] > 1 || count == 0 || count > (ulong)(values.Length - row)) return false;
            if (!strings.Take(values, row, (int)count, defined: levels[at++] == 1)) return false;
            row += (int)count;
        }
        return true;
    }

    /// <summary>A page's PLAIN strings (each a length, then UTF-8) taken in order; a row whose bytes equal the previous row's gets the same string.</summary>
    private ref struct StringRuns(ReadOnlySpan<byte> strings)
    {
        private readonly ReadOnlySpan<byte> _strings = strings;
        private int _used;
        private ReadOnlySpan<byte> _last;
        private string? _lastString;

        /// <summary>Whether every byte of the page was taken: a page with bytes left over is not what its levels say.</summary>
        public readonly bool Done => _used == _strings.Length;

        /// <summary>Sets <paramref name="count"/> rows from <paramref name="first"/>: null, or the next strings; false when the page ends or a length is impossible.</summary>
        public bool Take(string?[] values, int first, int count, bool defined)
        {
            if (!defined)
            {
                values.AsSpan(first, count).Clear();
                return true;
            }
            for (var row = first; row < first + count; row++)
            {
                if (_strings.Length - _used < 4) return false;
                var length = BinaryPrimitives.ReadInt32LittleEndian(_strings[_used..]);
                if (length < 0 || length > _strings.Length - _used - 4) return false;
                var bytes = _strings.Slice(_used + 4, length);
                if (_lastString is null || !bytes.SequenceEqual(_last))
                {
                    _last = bytes;
                    _lastString = System.Text.Encoding.UTF8.GetString(bytes);
                }
                values[row] = _lastString;
                _used += 4 + length;
            }
            return true;
        }
    }

    /// <summary>Reads the chunk's bytes and its one page header; false unless the chunk is a single PLAIN v1 data page of <paramref name="rows"/> values in a codec read here.</summary>
    private bool TryReadPage(ColumnChunk? chunk, DataField field, Parquet.Meta.Type type, int rows, long maxUncompressed, out ParquetPageHeader header, out ReadOnlySpan<byte> page)
    {
        header = default;
        page = default;
        var meta = chunk?.MetaData;
        if (meta is null || !BitConverter.IsLittleEndian || field.MaxRepetitionLevel != 0 || meta.Type != type) return false;
        if (meta.Codec is not (CompressionCodec.LZ4_RAW or CompressionCodec.UNCOMPRESSED) || meta.DictionaryPageOffset is not null || meta.NumValues != rows) return false;
        var size = meta.TotalCompressedSize;
        if (size <= 0 || size > LZ4Codec.MaximumOutputSize((int)Math.Min(maxUncompressed, int.MaxValue / 2)) + MaxHeaderBytes) return false;
        if (meta.DataPageOffset < 0 || meta.DataPageOffset > file.Length - size) return false;
        ReadOnlySpan<byte> bytes;
        if (meta.DataPageOffset >= _windowStart && meta.DataPageOffset - _windowStart <= _windowLength - size)
            bytes = _window.AsSpan((int)(meta.DataPageOffset - _windowStart), (int)size);
        else
        {
            Rent(ref _chunk, (int)size);
            if (file.ReadAt(meta.DataPageOffset, _chunk.AsSpan(0, (int)size)) != size) return false;
            bytes = _chunk.AsSpan(0, (int)size);
        }
        if (!ParquetPageHeader.TryRead(bytes, out header)) return false;
        if (header is not { Type: ParquetPageHeader.DataPageType, DataPage: true, Encoding: ParquetPageHeader.Plain }
            || header.Values != rows || header.CompressedSize != bytes.Length - header.Length) return false;
        page = bytes[header.Length..];
        return true;
    }

    private static bool TryDecompress(CompressionCodec codec, ReadOnlySpan<byte> page, Span<byte> destination)
    {
        if (codec == CompressionCodec.LZ4_RAW) return LZ4Codec.Decode(page, destination) == destination.Length;
        if (page.Length != destination.Length) return false;
        page.CopyTo(destination);
        return true;
    }

    private static void Rent(ref byte[] buffer, int size)
    {
        if (buffer.Length >= size) return;
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
        buffer = ArrayPool<byte>.Shared.Rent(size);
    }

    public void Dispose()
    {
        if (_chunk.Length > 0) ArrayPool<byte>.Shared.Return(_chunk);
        if (_page.Length > 0) ArrayPool<byte>.Shared.Return(_page);
        if (_window.Length > 0) ArrayPool<byte>.Shared.Return(_window);
        (_chunk, _page, _window, _windowLength) = ([], [], [], 0);
    }
}
