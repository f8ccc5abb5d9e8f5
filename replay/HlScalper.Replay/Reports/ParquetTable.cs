using Parquet;
using Parquet.Schema;

namespace HlScalper.Replay.Reports;

/// <summary>A column-by-column Parquet writer for flat tables: add named arrays of equal length, then write; every column of every row group gets a checksum in the file's metadata (<see cref="ColumnChecksums"/>).</summary>
public sealed class ParquetTable
{
    private readonly List<(DataField Field, Array Values)> _columns = [];

    public int RowCount => _columns.Count == 0 ? 0 : _columns[0].Values.Length;

    public IReadOnlyList<string> ColumnNames => _columns.Select(c => c.Field.Name).ToList();

    /// <summary>Row <paramref name="row"/> as invariant text, one cell per column: the CSV and the report's tables show what the Parquet file holds.</summary>
    public string[] Cells(int row) => _columns.Select(c => Text(c.Values.GetValue(row))).ToArray();

    /// <summary>Writes the same table as CSV (header, then one line per row; a cell with a comma or quote is quoted).</summary>
    public void WriteCsv(string path)
    {
        using var writer = new StreamWriter(path);
        writer.Write(string.Join(',', ColumnNames.Select(Quote)) + "\n");
        for (var r = 0; r < RowCount; r++) writer.Write(string.Join(',', Cells(r).Select(Quote)) + "\n");
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string cell) => cell.AsSpan().IndexOfAny(",\"\n") < 0 ? cell : $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    public ParquetTable Add<T>(string name, T[] values)
    {
        if (_columns.Count > 0 && values.Length != RowCount)
            throw new ArgumentException($"column '{name}' has {values.Length} rows, the table {RowCount}");
        _columns.Add((new DataField<T>(name), values));
        return this;
    }

    /// <summary>Writes the table, splitting it into row groups of at most <paramref name="rowGroupSize"/> rows.</summary>
    /// <param name="compression">The pages' codec: Snappy (Parquet.Net's default, read by every tool) unless the caller picks another.</param>
    public async Task WriteAsync(string path, int rowGroupSize = 1 << 20, CancellationToken cancel = default, CompressionMethod compression = CompressionMethod.Snappy)
    {
        var schema = new ParquetSchema(_columns.Select(c => (Field)c.Field));
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, new ParquetOptions { CompressionMethod = compression }, cancellationToken: cancel);
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
