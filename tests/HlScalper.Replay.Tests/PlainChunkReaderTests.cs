using CsCheck;
using HlScalper.Replay.Data;
using HlScalper.Replay.Synthetic;
using Parquet;
using Parquet.Schema;

namespace HlScalper.Replay.Tests;

/// <summary>The direct read of the tick tables' integer and string columns: the same values as Parquet.Net, every other shape left to it, damage refused or read exactly, never thrown.</summary>
public class PlainChunkReaderTests
{
    [TestCase(TickTables.Compression)]
    [TestCase(CompressionMethod.None)]
    public async Task Every_long_int_and_string_column_the_tool_writes_is_read_directly_and_equals_what_parquet_net_reads(CompressionMethod compression)
    {
        using var dir = new TempDirectory();
        // A book every 50 ms for 1,000 s: more book rows than a row group holds.
        var tape = SyntheticTape.Build(new SyntheticMarketConfig { DurationMs = 1_000_000, BookIntervalMs = 50, Seed = 9 });
        await TickTables.WriteAsync(tape, dir.Path, compression: compression);
        var direct = 0;
        foreach (var file in new[] { TickTables.BooksFile, TickTables.TradesFile })
        {
            var path = dir.File(file);
            await using var stream = new BlockingReadStream(path);
            await using var reader = await ParquetReader.CreateAsync(stream);
            Assert.That(reader.RowGroupCount, file == TickTables.BooksFile ? Is.GreaterThan(1) : Is.Positive, "several row groups, so offsets past the first are read too");
            using var plain = new PlainChunkReader(stream);
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                foreach (var field in reader.Schema.GetDataFields())
                {
                    if (field.ClrType == typeof(long)) Same<long>(plain, group, field);
                    else if (field.ClrType == typeof(int)) Same<int>(plain, group, field);
                    else if (field.Name == "coin") await SameStrings(plain, group, field);
                    else
                    {
                        Assert.That(TryRead<long>(plain, group, field, out _), Is.False, $"{field.Name} is {field.ClrType.Name}: left to Parquet.Net");
                        continue;
                    }
                    direct++;
                }
            }
        }
        // Books: two row groups of 80 level prices and sizes, 40 order counts, time, seq, receive time and coin; trades: one of seven.
        Assert.That(direct, Is.EqualTo(2 * (80 + 40 + 4) + 7), "every integer and string column of every row group");
    }

    [Test]
    public async Task Chunks_inside_a_preloaded_window_are_read_from_it_and_those_past_it_from_the_file()
    {
        using var dir = new TempDirectory();
        await TickTables.WriteAsync(ReplayHarness.SyntheticTape(600_000, seed: 5), dir.Path);
        var path = dir.File(TickTables.BooksFile);
        await using var stream = new BlockingReadStream(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        using var group = reader.OpenRowGroupReader(0);
        var fields = reader.Schema.GetDataFields().Where(f => f.ClrType == typeof(long)).ToArray();
        var expected = new List<long[]>();
        foreach (var field in fields)
        {
            var values = new long[group.RowCount];
            await group.ReadAsync<long>(field, values.AsMemory());
            expected.Add(values);
        }
        var chunks = fields.Select(f => group.GetMetadata(f)!.MetaData!).Select(m => (Start: m.DataPageOffset, End: m.DataPageOffset + m.TotalCompressedSize)).ToArray();
        var start = chunks.Min(c => c.Start);
        var middle = chunks.OrderBy(c => c.Start).ElementAt(chunks.Length / 2).Start;
        using var plain = new PlainChunkReader(stream);

        plain.Preload(start, middle);
        // The chunks zeroed in the file the stream has open: only what the window holds can still be read.
        await using (var write = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            write.Position = start;
            write.Write(new byte[chunks.Max(c => c.End) - start]);
        }
        int fromWindow = 0, fromFile = 0;
        for (var i = 0; i < fields.Length; i++)
        {
            var read = TryRead<long>(plain, group, fields[i], out var values);
            if (chunks[i].End <= middle)
            {
                Assert.That(read && values.SequenceEqual(expected[i]), Is.True, $"{fields[i].Name}: inside the window, read from it");
                fromWindow++;
            }
            else
            {
                Assert.That(read, Is.False, $"{fields[i].Name}: past the window, read from the zeroed file and refused");
                fromFile++;
            }
        }

        Assert.That((fromWindow, fromFile), Is.EqualTo((fields.Length / 2, fields.Length - fields.Length / 2)));
    }

    [Test]
    public async Task A_table_in_another_codec_is_left_to_parquet_net()
    {
        using var dir = new TempDirectory();
        await TickTables.WriteAsync(ReplayHarness.SyntheticTape(60_000, seed: 2), dir.Path, compression: CompressionMethod.Snappy);
        await using var stream = new BlockingReadStream(dir.File(TickTables.TradesFile));
        await using var reader = await ParquetReader.CreateAsync(stream);
        using var group = reader.OpenRowGroupReader(0);
        using var plain = new PlainChunkReader(stream);
        var fields = reader.Schema.GetDataFields();
        Assert.That(TryRead<long>(plain, group, fields.Single(f => f.Name == "px"), out _), Is.False);
        Assert.That(plain.TryReadStrings(group.GetMetadata(fields.Single(f => f.Name == "coin")), fields.Single(f => f.Name == "coin"), new string?[group.RowCount]), Is.False);
    }

    [Test]
    public async Task A_damaged_chunk_is_refused_or_read_exactly_and_never_throws()
    {
        using var dir = new TempDirectory();
        await TickTables.WriteAsync(ReplayHarness.SyntheticTape(60_000, seed: 4), dir.Path);
        var path = dir.File(TickTables.TradesFile);
        var pristine = await File.ReadAllBytesAsync(path);
        long offset, size;
        long[] original;
        await using (var stream = new BlockingReadStream(path))
        await using (var reader = await ParquetReader.CreateAsync(stream))
        {
            using var group = reader.OpenRowGroupReader(0);
            var px = reader.Schema.GetDataFields().Single(f => f.Name == "px");
            var meta = group.GetMetadata(px)!.MetaData!;
            (offset, size) = (meta.DataPageOffset, meta.TotalCompressedSize);
            original = new long[group.RowCount];
            await group.ReadAsync<long>(px, original.AsMemory());
        }
        int refused = 0, changed = 0, same = 0;
        await Gen.Select(Gen.Long[offset, offset + size - 1], Gen.Int[1, 255]).SampleAsync(async (at, mask) =>
        {
            var bytes = (byte[])pristine.Clone();
            bytes[at] ^= (byte)mask;
            await File.WriteAllBytesAsync(path, bytes);
            await using var stream = new BlockingReadStream(path);
            await using var reader = await ParquetReader.CreateAsync(stream);
            using var group = reader.OpenRowGroupReader(0);
            var px = reader.Schema.GetDataFields().Single(f => f.Name == "px");
            using var plain = new PlainChunkReader(stream);
            if (!TryRead<long>(plain, group, px, out var values)) refused++;
            else if (values.AsSpan().SequenceEqual(original)) same++;
            else
            {
                // Only the page's data can change values: a header that still parses says the same sizes, so the damage is past it.
                Assert.That(at, Is.GreaterThan(offset + 8), $"byte {at} ^ {mask}: a changed value from a damaged header");
                changed++;
            }
        }, iter: 400, threads: 1);
        Assert.That(refused, Is.Positive, "flips in the header and the LZ4 sequences are refused");
        Assert.That(refused + changed + same, Is.EqualTo(400));
    }

    [Test]
    public void A_page_header_of_any_bytes_is_read_or_refused_within_its_bytes()
    {
        Gen.Byte.Array[0, 64].Sample(bytes =>
        {
            if (ParquetPageHeader.TryRead(bytes, out var header)) Assert.That(header.Length, Is.InRange(1, bytes.Length));
        }, iter: 20_000);
    }

    [Test]
    public void Structs_nested_past_the_limit_and_collections_longer_than_their_bytes_are_refused()
    {
        // Field 6 (unknown to a page header, so skipped) as a struct holding a struct ... 40 deep.
        byte[] nested = [0x6C, .. Enumerable.Repeat((byte)0x1C, 40), .. new byte[41]];
        Assert.That(ParquetPageHeader.TryRead(nested, out _), Is.False, "40 nested structs");
        // Field 6 holding one struct, then field 1 by its long form (it is below the last id): type 0; fields 2 and 3: sizes 1 and 1.
        var shallow = new byte[] { 0x6C, 0x1C, 0x00, 0x00, 0x05, 0x02, 0x00, 0x15, 0x02, 0x15, 0x02, 0x00 };
        Assert.That(ParquetPageHeader.TryRead(shallow, out var header), Is.True);
        Assert.That(header, Is.EqualTo(new ParquetPageHeader(shallow.Length, 0, 1, 1, false, -1, -1, -1)));
        // Field 6 as a list claiming 2^20 i32 elements in a few bytes.
        var list = new byte[] { 0x69, 0xF5, 0x80, 0x80, 0x40, 0x02, 0x02, 0x00 };
        Assert.That(ParquetPageHeader.TryRead(list, out _), Is.False);
    }

    [Test]
    public async Task A_string_column_with_nulls_in_runs_and_scattered_reads_as_parquet_net_reads_it()
    {
        using var dir = new TempDirectory();
        var path = dir.File("names.parquet");
        // Runs of one name, a run of nulls, then names and nulls alternating (runs of one level each).
        string?[] names = [.. Enumerable.Repeat("BTC", 40), .. Enumerable.Repeat<string?>(null, 30), .. Enumerable.Range(0, 77).Select(i => i % 3 == 0 ? null : i % 2 == 0 ? "ETH" : "kPEPE"), "ü€"];
        await new HlScalper.Replay.Reports.ParquetTable().Add("name", names).WriteAsync(path, compression: TickTables.Compression);
        await using var stream = new BlockingReadStream(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        using var group = reader.OpenRowGroupReader(0);
        using var plain = new PlainChunkReader(stream);
        var field = reader.Schema.GetDataFields().Single();
        Assert.That(field.MaxDefinitionLevel, Is.EqualTo(1), "nullable");
        await SameStrings(plain, group, field);
        var values = new string?[names.Length];
        plain.TryReadStrings(group.GetMetadata(field), field, values);
        Assert.That(values, Is.EqualTo(names));
        Assert.That(ReferenceEquals(values[0], values[39]), Is.True, "one string for a run of one name");
    }

    private static void Same<T>(PlainChunkReader plain, ParquetRowGroupReader group, DataField field) where T : unmanaged
    {
        var expected = new T[group.RowCount];
        group.ReadAsync<T>(field, expected.AsMemory()).AsTask().GetAwaiter().GetResult();
        Assert.That(TryRead<T>(plain, group, field, out var values), Is.True, $"{field.Name}: read directly");
        Assert.That(values, Is.EqualTo(expected), field.Name);
    }

    private static async Task SameStrings(PlainChunkReader plain, ParquetRowGroupReader group, DataField field)
    {
        var expected = new string?[group.RowCount];
        await group.ReadAsync(field, expected.AsMemory());
        var values = new string?[group.RowCount];
        Assert.That(plain.TryReadStrings(group.GetMetadata(field), field, values), Is.True, $"{field.Name}: read directly");
        Assert.That(values, Is.EqualTo(expected), field.Name);
    }

    private static bool TryRead<T>(PlainChunkReader plain, ParquetRowGroupReader group, DataField field, out T[] values) where T : unmanaged
    {
        values = new T[group.RowCount];
        return plain.TryReadIntegers(group.GetMetadata(field), field, values.AsSpan());
    }
}
