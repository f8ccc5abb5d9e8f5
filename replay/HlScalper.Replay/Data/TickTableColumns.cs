using System.Buffers;
using HlScalper.Replay.Reports;
using Parquet;
using Parquet.Schema;

namespace HlScalper.Replay.Data;

/// <summary>Reads whole columns of a tick table's row groups into slabs reused for every row group of the file, each column held to its stored checksum when the file has them.</summary>
/// <remarks>
/// A book table has 126 columns: one new array each per row group was ~10 MB of large-object-heap garbage per file,
/// and the collections it caused cost about as much as decoding the columns. Each element type instead gets one
/// slab rented from the shared pool, room for every column of that type in the schema; columns are read into it
/// one after another. Slices handed out stay valid until the next <see cref="Start"/>.
/// </remarks>
internal sealed class TickTableColumns(string path, BlockingReadStream file, DataField[] fields, ulong[][]? checksums, ChecksumAlgorithm algorithm, CancellationToken cancel) : IDisposable
{
    private readonly Slab<long> _longs = new(fields.Count(f => f.ClrType == typeof(long)));
    private readonly Slab<int> _ints = new(fields.Count(f => f.ClrType == typeof(int)));
    private readonly Slab<byte> _bytes = new(fields.Count(f => f.ClrType == typeof(byte)));

    /// <summary>Each column's place in the schema: a book row group looks up 170 names, which a search from the front of 127 names did by about 10,000 string comparisons.</summary>
    private readonly Dictionary<string, int> _index = IndexOf(fields);
    private readonly PlainChunkReader _plain = new(file);
    private ParquetRowGroupReader? _group;
    private int _rowGroup;
    private int _rows;

    /// <summary>The next row group: its columns are read into the slabs from their start.</summary>
    public void Start(ParquetRowGroupReader group, int rowGroup, int rows)
    {
        (_group, _rowGroup, _rows) = (group, rowGroup, rows);
        PreloadChunks(group);
        _longs.Start(rows);
        _ints.Start(rows);
        _bytes.Start(rows);
    }

    /// <summary>Has the direct reader take the row group's column chunks in one read: from the first chunk's start to the last one's end, as the footer says.</summary>
    private void PreloadChunks(ParquetRowGroupReader group)
    {
        long start = long.MaxValue, end = long.MinValue;
        foreach (var field in fields)
        {
            if (group.GetMetadata(field)?.MetaData is not { } meta) continue;
            var first = meta.DictionaryPageOffset ?? meta.DataPageOffset;
            start = Math.Min(start, first);
            end = Math.Max(end, first + meta.TotalCompressedSize);
        }
        _plain.Preload(start, end);
    }

    public Task<ArraySegment<long>> Longs(string name) => Read(_longs, name);

    public Task<ArraySegment<int>> Ints(string name) => Read(_ints, name);

    public Task<ArraySegment<byte>> Bytes(string name) => Read(_bytes, name);

    public async Task<string?[]> Strings(string name)
    {
        var (field, index) = Field(name);
        var values = new string?[_rows];
        if (!_plain.TryReadStrings(_group!.GetMetadata(field), field, values))
            await ParquetDamage.Column(path, _rowGroup, name, () => _group!.ReadAsync(field, values.AsMemory(), cancellationToken: cancel).AsTask());
        Verify(name, index, ColumnChecksums.Of(values, algorithm));
        return values;
    }

    /// <summary>The named columns one after another in one piece (column <c>i</c> at <c>i × rows</c>), so a row loop reaches each of them by one offset from the same place.</summary>
    public Task<ArraySegment<long>> Longs(IReadOnlyList<string> names) => Read(_longs, names);

    /// <inheritdoc cref="Longs(IReadOnlyList{string})"/>
    public Task<ArraySegment<int>> Ints(IReadOnlyList<string> names) => Read(_ints, names);

    private Task<ArraySegment<T>> Read<T>(Slab<T> slab, string name) where T : unmanaged => Read(slab, [name]);

    private async Task<ArraySegment<T>> Read<T>(Slab<T> slab, IReadOnlyList<string> names) where T : unmanaged
    {
        var block = slab.Take(names.Count * _rows);
        for (var c = 0; c < names.Count; c++)
        {
            var (field, index) = Field(names[c]);
            var values = block.Slice(c * _rows, _rows);
            if (!_plain.TryReadIntegers(_group!.GetMetadata(field), field, values.AsSpan()))
                await ParquetDamage.Column(path, _rowGroup, names[c], () => _group!.ReadAsync<T>(field, values.AsMemory(), cancellationToken: cancel).AsTask());
            Verify(names[c], index, ColumnChecksums.Of<T>(values, algorithm));
        }
        return block;
    }

    private void Verify(string name, int index, ulong actual)
    {
        if (checksums is null) return;
        if (index >= checksums[_rowGroup].Length || checksums[_rowGroup][index] != actual)
            throw new TickDataException($"{path}: corrupt Parquet data in row group {_rowGroup}, column '{name}': the values do not match the checksum the writer stored");
    }

    private (DataField Field, int Index) Field(string name) =>
        _index.TryGetValue(name, out var index) ? (fields[index], index) : throw new TickDataException($"{path}: tick table has no column '{name}'");

    /// <summary>The first column of each name, as a search from the front would find it (a hostile schema may repeat a name).</summary>
    private static Dictionary<string, int> IndexOf(DataField[] fields)
    {
        var index = new Dictionary<string, int>(fields.Length);
        for (var i = 0; i < fields.Length; i++) index.TryAdd(fields[i].Name, i);
        return index;
    }

    public void Dispose()
    {
        _longs.Dispose();
        _ints.Dispose();
        _bytes.Dispose();
        _plain.Dispose();
    }

    /// <summary>One pooled array with room for <paramref name="columns"/> columns of a row group (at most <see cref="MaxColumns"/>: a hostile schema may declare thousands), handed out column by column.</summary>
    private sealed class Slab<T>(int columns) : IDisposable
    {
        private const int MaxColumns = 128;
        private readonly int _columns = Math.Min(columns, MaxColumns);
        private T[] _array = [];
        private int _used;

        public void Start(int rows)
        {
            _used = 0;
            if (_array.Length >= _columns * rows) return;
            Dispose();
            _array = ArrayPool<T>.Shared.Rent(_columns * rows);
        }

        /// <remarks>Columns past the slab's room (a schema that declares a column twice, or more than <see cref="MaxColumns"/>) get an array of their own.</remarks>
        public ArraySegment<T> Take(int values)
        {
            if (_array.Length - _used < values) return new T[values];
            var piece = new ArraySegment<T>(_array, _used, values);
            _used += values;
            return piece;
        }

        public void Dispose()
        {
            if (_array.Length > 0) ArrayPool<T>.Shared.Return(_array);
            _array = [];
        }
    }
}
