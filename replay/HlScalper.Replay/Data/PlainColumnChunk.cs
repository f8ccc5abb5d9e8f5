using System.Buffers;
using System.Runtime.InteropServices;
using K4os.Compression.LZ4;
using Parquet.Meta;
using Parquet.Schema;

namespace HlScalper.Replay.Data;

/// <summary>Reads a column chunk of the shape this tool writes — one PLAIN data page of required INT64 or INT32 values, LZ4_RAW or uncompressed — straight into its destination: one file read, one decompression, no copies.</summary>
/// <remarks>
/// Parquet.Net reads a page through a sub-stream copied into a growing <see cref="MemoryStream"/>, then into a fresh array,
/// decompresses that into rented memory and decodes the PLAIN values from there into the caller's span: four copies and a
/// large-object array per long column of a row group. A PLAIN page of little-endian integers already is the values, so here the
/// page is decompressed into the destination itself. Anything of another shape (a dictionary, nulls, several pages, another
/// codec, a header this reader cannot follow, a page that does not decompress to exactly its values) answers false and is left
/// to Parquet.Net, which reads every form and reports damage as before; the values read here are held to the same column
/// checksums by the caller.
/// </remarks>
internal static class PlainColumnChunk
{
    /// <summary>Room allowed for a page header beyond the page's data: statistics of two 8-byte values take a few tens of bytes.</summary>
    private const int MaxHeaderBytes = 4096;

    /// <summary>Fills <paramref name="values"/> from the chunk when it has the plain shape; false, with <paramref name="values"/> in an unspecified state, when it must be read by Parquet.Net.</summary>
    /// <param name="buffer">Scratch for the chunk's bytes, grown from the shared pool as needed; the caller returns it.</param>
    public static bool TryRead<T>(BlockingReadStream file, ColumnChunk? chunk, DataField field, Span<T> values, ref byte[] buffer) where T : unmanaged
    {
        var meta = chunk?.MetaData;
        if (meta is null || !BitConverter.IsLittleEndian || field.ClrType != typeof(T) || field.MaxDefinitionLevel != 0 || field.MaxRepetitionLevel != 0) return false;
        if (meta.Type != (typeof(T) == typeof(long) ? Parquet.Meta.Type.INT64 : typeof(T) == typeof(int) ? Parquet.Meta.Type.INT32 : (Parquet.Meta.Type)(-1))) return false;
        if (meta.Codec is not (CompressionCodec.LZ4_RAW or CompressionCodec.UNCOMPRESSED) || meta.DictionaryPageOffset is not null || meta.NumValues != values.Length) return false;

        var destination = MemoryMarshal.AsBytes(values);
        var size = meta.TotalCompressedSize;
        if (size <= 0 || size > LZ4Codec.MaximumOutputSize(destination.Length) + MaxHeaderBytes) return false;
        if (meta.DataPageOffset < 0 || meta.DataPageOffset > file.Length - size) return false;
        if (buffer.Length < size)
        {
            if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent((int)size);
        }
        var bytes = buffer.AsSpan(0, (int)size);
        if (file.ReadAt(meta.DataPageOffset, bytes) != bytes.Length) return false;

        if (!ParquetPageHeader.TryRead(bytes, out var header)) return false;
        if (header is not { Type: ParquetPageHeader.DataPageType, DataPage: true, Encoding: ParquetPageHeader.Plain }
            || header.Values != values.Length || header.UncompressedSize != destination.Length || header.CompressedSize != bytes.Length - header.Length) return false;
        var page = bytes[header.Length..];
        if (meta.Codec == CompressionCodec.UNCOMPRESSED)
        {
            if (page.Length != destination.Length) return false;
            page.CopyTo(destination);
            return true;
        }
        return LZ4Codec.Decode(page, destination) == destination.Length;
    }
}
