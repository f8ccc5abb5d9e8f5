using CsCheck;
using HlScalper.Replay.Data;
using HlScalper.Replay.Data.Collector;
using HlScalper.Replay.Synthetic;
using Parquet;

namespace HlScalper.Replay.Tests;

/// <summary>The footer-schema walk that classifies Parquet inputs: Parquet.Net's leaf names on every file, null (never a throw, never other names) on damage.</summary>
public class ParquetFooterSchemaTests
{
    [Test]
    public async Task The_tick_tables_leaf_names_are_parquet_nets()
    {
        using var dir = new TempDirectory();
        await TickTables.WriteAsync(SyntheticTape.Build(new SyntheticMarketConfig { DurationMs = 60_000, Seed = 4 }), dir.Path);
        foreach (var file in new[] { TickTables.BooksFile, TickTables.TradesFile })
        {
            var path = dir.File(file);
            var names = ParquetFooterSchema.TryReadLeafNames(path);
            Assert.That(names, Is.Not.Null, $"{file} reads here, not through the fallback");
            Assert.That(names, Is.EquivalentTo(await ParquetNetNames(path)), file);
        }
    }

    [Test]
    public async Task Every_real_collector_parquet_file_has_parquet_nets_leaf_names_and_its_table()
    {
        var files = Directory.GetFiles(SharedData.PathOf("data/hyperliquid/ws_parquet_eth_20251210"), "*.parquet", SearchOption.AllDirectories);
        Assert.That(files, Has.Length.GreaterThanOrEqualTo(3), "the books, trades and prices tables at least");
        var tables = new HashSet<CollectorTable>();
        foreach (var path in files)
        {
            var names = ParquetFooterSchema.TryReadLeafNames(path);
            Assert.That(names, Is.EquivalentTo(await ParquetNetNames(path)), path);
            tables.Add(CollectorColumns.Classify(names!));
        }
        Assert.That(tables, Is.EquivalentTo(new[] { CollectorTable.Books, CollectorTable.Trades, CollectorTable.Bbo }));
    }

    [Test]
    public async Task A_footer_cut_anywhere_answers_null_or_the_whole_files_names()
    {
        using var dir = new TempDirectory();
        await TickTables.WriteAsync(SyntheticTape.Build(new SyntheticMarketConfig { DurationMs = 60_000, Seed = 5 }), dir.Path);
        var footer = Footer(await File.ReadAllBytesAsync(dir.File(TickTables.TradesFile)));
        var whole = ParquetFooterSchema.TryParse(footer)!;
        var answered = 0;
        for (var cut = 0; cut < footer.Length; cut++)
        {
            var names = ParquetFooterSchema.TryParse(footer.AsSpan(0, cut));
            if (names is null) continue;
            Assert.That(names, Is.EquivalentTo(whole), $"cut at {cut}: the schema is whole or not answered");
            answered++;
        }
        Assert.That(answered, Is.Positive, "a cut past the schema still names the columns (the row groups are not read)");
        Assert.That(ParquetFooterSchema.TryParse(footer.AsSpan(0, 40)), Is.Null, "a cut inside the schema");
    }

    [Test]
    public async Task A_damaged_footer_never_throws_and_damage_past_the_schema_leaves_the_names()
    {
        using var dir = new TempDirectory();
        await TickTables.WriteAsync(SyntheticTape.Build(new SyntheticMarketConfig { DurationMs = 60_000, Seed = 6 }), dir.Path);
        var footer = Footer(await File.ReadAllBytesAsync(dir.File(TickTables.TradesFile)));
        var whole = ParquetFooterSchema.TryParse(footer)!;
        var schemaEnd = Enumerable.Range(0, footer.Length).First(cut => ParquetFooterSchema.TryParse(footer.AsSpan(0, cut)) is not null);
        var pastSchema = 0;
        Gen.Int[0, footer.Length - 1].Array[1, 8].Select(Gen.Byte.Array[8]).Sample((positions, values) =>
        {
            var damaged = footer.ToArray();
            for (var i = 0; i < positions.Length; i++) damaged[positions[i]] = values[i];
            var names = ParquetFooterSchema.TryParse(damaged);
            if (positions.Min() < schemaEnd) return;
            Assert.That(names, Is.EquivalentTo(whole), "damage past the schema is Parquet.Net's to find when the file is read");
            Interlocked.Increment(ref pastSchema);
        }, iter: 20_000);
        Assert.That(pastSchema, Is.Positive, "some damage fell past the schema");
    }

    [Test]
    public async Task A_tail_claiming_a_footer_larger_than_the_file_is_an_error_naming_it_not_an_out_of_memory()
    {
        using var dir = new TempDirectory();
        await TickTables.WriteAsync(SyntheticTape.Build(new SyntheticMarketConfig { DurationMs = 60_000, Seed = 6 }), dir.Path);
        var path = dir.File(TickTables.TradesFile);
        var bytes = await File.ReadAllBytesAsync(path);
        foreach (var claim in new[] { int.MaxValue, bytes.Length - 11, 0, -5 })
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(bytes.Length - 8), claim);
            await File.WriteAllBytesAsync(path, bytes);
            Assert.That(ParquetFooterSchema.TryReadLeafNames(path), Is.Null, $"claim {claim}");
            // Parquet.Net, asked next, allocated what the tail claimed: 2 GB for int.MaxValue, an OutOfMemoryException.
            var detect = Assert.ThrowsAsync<TickDataException>(() => CollectorParquetReader.DetectAsync(path))!;
            Assert.That(detect.Message, Does.StartWith($"{path}: corrupt Parquet file (its footer): corrupt Parquet footer: its length field claims {claim:N0} bytes"));
            var load = Assert.ThrowsAsync<TickDataException>(() => TickLoader.LoadAsync([path], null, strict: false, _ => { }))!;
            Assert.That(load.Message, Does.StartWith($"{path}: corrupt Parquet"), $"claim {claim}");
        }
    }

    private static byte[] Footer(byte[] file)
    {
        var length = BitConverter.ToInt32(file, file.Length - 8);
        return file.AsSpan(file.Length - 8 - length, length).ToArray();
    }

    private static async Task<string[]> ParquetNetNames(string path)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        return reader.Schema.GetDataFields().Select(f => f.Name).Distinct().ToArray();
    }
}
