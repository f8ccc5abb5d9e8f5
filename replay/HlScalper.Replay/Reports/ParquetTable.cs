using Parquet;
using Parquet.Schema;

namespace HlScalper.Replay.Reports;

/// <summary>A column-by-column Parquet writer for flat tables: add named arrays of equal length, then write; every column of every row group gets a checksum in the file's metadata (<see cref="ColumnChecksums"/>).</summary>
public sealed class ParquetTable
{
    private readonly List<(DataField Field, Array Values)> _columns = [];

    public int RowCount => _columns.Count == 0 ? 0 : _columns[0].Values.Length;

    public ParquetTable Add<T>(string name, T[] values)
    {
        if (_columns.Count > 0 && values.Length != RowCount)
            throw new ArgumentException($"column '{name}' has {values.Length} rows, the table {RowCount}");
        _columns.Add((new DataField<T>(name), values));
        return this;
    }

    /// <summary>Writes the table, splitting it into row groups of at most <paramref name="rowGroupSize"/> rows.</summary>
    public async Task WriteAsync(string path, int rowGroupSize = 1 << 20, CancellationToken cancel = default)
    {
        var schema = new ParquetSchema(_columns.Select(c => (Field)c.Field));
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: cancel);
        var rows = RowCount;
        var checksums = new List<ulong[]>();
        for (var start = 0; start < rows || (rows == 0 && start == 0); start += rowGroupSize)
        {
            var length = Math.Min(rowGroupSize, rows - start);
            using var group = writer.CreateRowGroup();
            foreach (var (field, values) in _columns) await WriteColumn(group, field, values, start, length, cancel);
            checksums.Add([.. _columns.Select(c => Checksum(c.Values, start, length))]);
            if (rows == 0) break;
        }
        writer.CustomMetadata = new Dictionary<string, string> { [ColumnChecksums.MetadataKey] = ColumnChecksums.Encode(checksums) };
    }

    private static ulong Checksum(Array values, int start, int length) => values switch
    {
        long[] a => ColumnChecksums.Of<long>(a.AsSpan(start, length)),
        int[] a => ColumnChecksums.Of<int>(a.AsSpan(start, length)),
        short[] a => ColumnChecksums.Of<short>(a.AsSpan(start, length)),
        byte[] a => ColumnChecksums.Of<byte>(a.AsSpan(start, length)),
        double[] a => ColumnChecksums.Of<double>(a.AsSpan(start, length)),
        bool[] a => ColumnChecksums.Of<bool>(a.AsSpan(start, length)),
        string[] a => ColumnChecksums.Of(a.AsSpan(start, length)),
        _ => throw new NotSupportedException($"column type {values.GetType()}"),
    };

    private static Task WriteColumn(ParquetRowGroupWriter group, DataField field, Array values, int start, int length, CancellationToken cancel) => values switch
    {
        long[] a => group.WriteAsync<long>(field, a.AsMemory(start, length), cancellationToken: cancel),
        int[] a => group.WriteAsync<int>(field, a.AsMemory(start, length), cancellationToken: cancel),
        short[] a => group.WriteAsync<short>(field, a.AsMemory(start, length), cancellationToken: cancel),
        byte[] a => group.WriteAsync<byte>(field, a.AsMemory(start, length), cancellationToken: cancel),
        double[] a => group.WriteAsync<double>(field, a.AsMemory(start, length), cancellationToken: cancel),
        bool[] a => group.WriteAsync<bool>(field, a.AsMemory(start, length), cancellationToken: cancel),
        string[] a => group.WriteAsync(field, new ArraySegment<string>(a, start, length)),
        _ => throw new NotSupportedException($"column type {values.GetType()}"),
    };
}
