using HlScalper.Engine.Events;
using HlScalper.Replay.Data;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Reports;
using Parquet;
using Parquet.Schema;

namespace HlScalper.Replay.Tests;

/// <summary>The column checksums of a tick table: written with XXH3, and tables written before with XXH64 still checked.</summary>
public class TickTableChecksumTests
{
    [Test]
    public async Task A_table_is_written_with_xxh3_checksums_of_its_columns()
    {
        using var dir = new TempDirectory();
        await TickTables.WriteAsync(ReplayHarness.SyntheticTape(40_000, seed: 3), dir.Path);
        var trades = dir.File(TickTables.TradesFile);
        await using var stream = File.OpenRead(trades);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var columns = await ReadColumns(reader);

        Assert.That(reader.CustomMetadata.Keys, Does.Contain(ColumnChecksums.MetadataKey).And.Not.Contain(ColumnChecksums.Xxh64MetadataKey));
        var found = ColumnChecksums.Find(reader.CustomMetadata);
        Assert.That(found?.Algorithm, Is.EqualTo(ChecksumAlgorithm.Xxh3));
        Assert.That(found!.Value.Checksums, Is.EqualTo(columns.Select(group => group.Select(c => Checksum(c, ChecksumAlgorithm.Xxh3)).ToArray()).ToArray()));
        Assert.That(Checksum(columns[0][0], ChecksumAlgorithm.Xxh64), Is.Not.EqualTo(Checksum(columns[0][0], ChecksumAlgorithm.Xxh3)), "the two hashes tell the algorithms apart");
    }

    [Test]
    public async Task A_table_with_xxh64_checksums_reads_as_before_and_a_changed_value_in_it_is_an_error_naming_the_column()
    {
        using var dir = new TempDirectory();
        await TickTables.WriteAsync(ReplayHarness.SyntheticTape(40_000, seed: 3), dir.Path);
        var trades = dir.File(TickTables.TradesFile);
        var asWritten = await Load(trades);

        var older = dir.File("xxh64.parquet");
        await CopyWithXxh64Checksums(trades, older, change: null);
        var log = new List<string>();
        var read = await Load(older, log);
        Assert.That(read.Count, Is.EqualTo(asWritten.Count).And.Positive);
        Assert.That(log, Is.Empty, "checked, not read as a table without checksums");

        var damaged = dir.File("xxh64-damaged.parquet");
        await CopyWithXxh64Checksums(trades, damaged, change: "px");
        Assert.That(async () => await Load(damaged), Throws.TypeOf<TickDataException>().With.Message.EqualTo(
            $"{damaged}: corrupt Parquet data in row group 0, column 'px': the values do not match the checksum the writer stored"));
    }

    private static async Task<EventTape> Load(string path, List<string>? log = null)
    {
        var builder = new TapeBuilder(new CoinTable());
        await TickTables.ReadAsync(path, builder, learnCoins: true, strict: true, log: log is null ? null : log.Add);
        return builder.Build();
    }

    /// <summary>Every column of every row group, as arrays.</summary>
    private static async Task<List<Array[]>> ReadColumns(ParquetReader reader)
    {
        var groups = new List<Array[]>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var rows = (int)group.RowCount;
            var columns = new List<Array>();
            foreach (var field in reader.Schema.GetDataFields())
            {
                Array values = field.ClrType == typeof(long) ? new long[rows] : field.ClrType == typeof(byte) ? new byte[rows] : new string?[rows];
                await (values switch
                {
                    long[] a => group.ReadAsync<long>(field, a.AsMemory()).AsTask(),
                    byte[] a => group.ReadAsync<byte>(field, a.AsMemory()).AsTask(),
                    string?[] a => group.ReadAsync(field, a.AsMemory()).AsTask(),
                    _ => throw new NotSupportedException(field.Name),
                });
                columns.Add(values);
            }
            groups.Add([.. columns]);
        }
        return groups;
    }

    private static ulong Checksum(Array values, ChecksumAlgorithm algorithm) => values switch
    {
        long[] a => ColumnChecksums.Of<long>(a, algorithm),
        byte[] a => ColumnChecksums.Of<byte>(a, algorithm),
        string?[] a => ColumnChecksums.Of(a, algorithm),
        _ => throw new NotSupportedException(values.GetType().Name),
    };

    /// <summary>The table as this tool wrote it before XXH3: the same columns, XXH64 checksums under their own key. With
    /// <paramref name="change"/>, the first value of that column is changed after its checksum was taken.</summary>
    private static async Task CopyWithXxh64Checksums(string from, string to, string? change)
    {
        await using var input = File.OpenRead(from);
        await using var reader = await ParquetReader.CreateAsync(input);
        var fields = reader.Schema.GetDataFields();
        var groups = await ReadColumns(reader);
        var checksums = groups.Select(columns => columns.Select(values => Checksum(values, ChecksumAlgorithm.Xxh64)).ToArray()).ToList();
        if (change is not null) ((long[])groups[0][Array.FindIndex(fields, f => f.Name == change)])[0] += 1;

        await using var output = File.Create(to);
        await using var writer = await ParquetWriter.CreateAsync(reader.Schema, output);
        foreach (var columns in groups)
        {
            using var group = writer.CreateRowGroup();
            for (var c = 0; c < fields.Length; c++) await Write(group, fields[c], columns[c]);
        }
        writer.CustomMetadata = new Dictionary<string, string> { [ColumnChecksums.Xxh64MetadataKey] = ColumnChecksums.Encode(checksums) };
    }

    private static Task Write(ParquetRowGroupWriter group, DataField field, Array values) => values switch
    {
        long[] a => group.WriteAsync<long>(field, a.AsMemory()),
        byte[] a => group.WriteAsync<byte>(field, a.AsMemory()),
        string?[] a => group.WriteAsync(field, a!),
        _ => throw new NotSupportedException(field.Name),
    };
}
