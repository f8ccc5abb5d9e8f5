using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using HlScalper.Engine.Events;
using HlScalper.Replay.Data;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Exchange;

namespace HlScalper.Replay.Tests;

/// <summary>The readers against damaged and hostile files (issue #16): a cut file keeps its whole lines and says so, a corrupt one is an error naming the file, one bad line never costs the file, nothing loads without bound or hangs.</summary>
public class HostileFileTests
{
    private string _dir = "";

    [SetUp]
    public void CreateDirectory() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), $"hostile-{Guid.NewGuid():N}"));

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    private string PathFor(string name) => Path.Combine(_dir, name);

    /// <summary>The derived BTC recording as plain message lines (10,460 events).</summary>
    private static List<string> RealLines() => Recordings.ArchiveMessages(Recordings.Derived("BTC")).Select(Encoding.UTF8.GetString).ToList();

    private static async Task<(LoadResult Load, List<string> Log)> Load(bool strict, params string[] paths)
    {
        var log = new List<string>();
        var load = await TickLoader.LoadAsync(paths, null, strict, log.Add);
        return (load, log);
    }

    private static void WriteGzip(string path, IEnumerable<string> lines)
    {
        using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))));
    }

    /// <summary>What the first <paramref name="count"/> lines load to on their own, from a plain file: the independent measure of "the complete prefix".</summary>
    private async Task<int> EventsOfFirst(List<string> lines, int count)
    {
        var plain = PathFor($"prefix-{count}.jsonl");
        await File.WriteAllLinesAsync(plain, lines.Take(count));
        return (await Load(strict: true, plain)).Load.Tape.Count;
    }

    private static int KeptLines(string warning)
    {
        var match = Regex.Match(warning, @"kept the ([\d,]+) complete lines before it$");
        Assert.That(match.Success, Is.True, warning);
        return int.Parse(match.Groups[1].Value.Replace(",", ""));
    }

    [Test]
    public async Task Half_a_gzip_file_keeps_its_complete_lines_and_says_how_many()
    {
        var lines = RealLines();
        var whole = PathFor("ticks.jsonl.gz");
        WriteGzip(whole, lines);
        var bytes = await File.ReadAllBytesAsync(whole);
        var half = PathFor("half.jsonl.gz");
        await File.WriteAllBytesAsync(half, bytes[..(bytes.Length / 2)]);

        var (load, log) = await Load(strict: false, half);
        var warning = log.Single(l => l.Contains("cut or corrupt"));
        var kept = KeptLines(warning);
        Assert.Multiple(async () =>
        {
            Assert.That(warning, Does.StartWith($"{half}: Gzip data cut or corrupt after line {kept:N0}: truncated or corrupt gzip"));
            Assert.That(kept, Is.InRange(1, lines.Count - 1));
            Assert.That(load.Files.Single().BadLines, Is.Zero, "the cut line is not a bad line: it is simply not there");
            Assert.That(load.Tape.Count, Is.EqualTo(await EventsOfFirst(lines, kept)));
        });
        Assert.That(async () => await Load(strict: true, half), Throws.TypeOf<TickDataException>().With.Message.Contains("cut or corrupt"));
    }

    [Test]
    public async Task A_gzip_file_missing_its_trailer_keeps_every_line_and_says_it_is_cut()
    {
        var lines = RealLines();
        var whole = PathFor("ticks.jsonl.gz");
        WriteGzip(whole, lines);
        var bytes = await File.ReadAllBytesAsync(whole);
        var cut = PathFor("no-trailer.jsonl.gz");
        await File.WriteAllBytesAsync(cut, bytes[..^8]);

        var (load, log) = await Load(strict: false, cut);
        Assert.That(KeptLines(log.Single(l => l.Contains("cut or corrupt"))), Is.EqualTo(lines.Count));
        Assert.That(load.Tape.Count, Is.EqualTo((await Load(strict: true, whole)).Load.Tape.Count));
    }

    [Test]
    public async Task A_cut_lz4_file_keeps_the_complete_lines_of_its_whole_blocks_and_says_how_many()
    {
        // Three quarters: the file's first 4 MB block is whole, its second is cut (a cut first block leaves nothing to keep).
        var bytes = await File.ReadAllBytesAsync(SharedData.PathOf(Recordings.Derived("BTC")));
        var half = PathFor("cut.lz4");
        await File.WriteAllBytesAsync(half, bytes[..(bytes.Length * 3 / 4)]);

        var (load, log) = await Load(strict: false, half);
        var kept = KeptLines(log.Single(l => l.Contains("cut or corrupt")));
        Assert.That(kept, Is.InRange(1, 5_997));
        Assert.That(load.Tape.Count, Is.EqualTo(await EventsOfFirst(RealLines(), kept)));
    }

    /// <summary>A table's pages hold line breaks early: its first byte turned to '{' must not let it pass as a JSON file read as nothing but bad lines.</summary>
    [Test]
    public async Task A_tick_table_with_any_damage_to_its_leading_magic_is_an_error_naming_the_file()
    {
        await TickTables.WriteAsync(ReplayHarness.SyntheticTape(60_000, seed: 5), _dir);
        var files = new[] { TickTables.TradesFile, TickTables.BooksFile }.Select(PathFor).ToArray();
        var pristine = await File.ReadAllBytesAsync(files[1]);
        for (var at = 0; at < 4; at++)
            for (var mask = 1; mask < 256; mask++)
            {
                var bytes = (byte[])pristine.Clone();
                bytes[at] ^= (byte)mask;
                await File.WriteAllBytesAsync(files[1], bytes);
                Assert.That(FormatDetector.Detect(files[1]).IsParquet, Is.True, $"byte {at} ^ {mask}");
                Assert.That(async () => await Load(strict: false, files), Throws.TypeOf<TickDataException>().With.Message.StartWith(files[1] + ": "), $"byte {at} ^ {mask}");
            }
    }

    [Test]
    public async Task A_flipped_byte_anywhere_in_a_tick_table_is_an_error_naming_the_file_or_changes_nothing_it_reads()
    {
        var tape = ReplayHarness.SyntheticTape(120_000, seed: 5);
        await TickTables.WriteAsync(tape, _dir);
        var files = new[] { TickTables.TradesFile, TickTables.BooksFile }.Select(PathFor).ToArray();
        var original = (await Load(strict: true, files)).Load.Tape;
        var pristine = files.Select(File.ReadAllBytes).ToArray();
        var errors = 0;
        await Gen.Select(Gen.Int[0, 1], Gen.Double[0, 1], Gen.Int[1, 255]).SampleAsync(async (file, where, mask) =>
        {
            var bytes = (byte[])pristine[file].Clone();
            var at = (int)(where * (bytes.Length - 1));
            bytes[at] ^= (byte)mask;
            await File.WriteAllBytesAsync(files[file], bytes);
            try
            {
                // Named, not found in a folder: a file no longer recognised is an error, not skipped.
                var again = (await Load(strict: false, files)).Load.Tape;
                Assert.That(MemoryMarshal.AsBytes(again.Span).SequenceEqual(MemoryMarshal.AsBytes(original.Span)), Is.True, $"byte {at} of {files[file]} ^ {mask}: read without an error, so it must read the same");
            }
            catch (TickDataException e)
            {
                errors++;
                Assert.That(e.Message, Does.StartWith(files[file] + ": "));
            }
            finally
            {
                await File.WriteAllBytesAsync(files[file], pristine[file]);
            }
        }, iter: 60, threads: 1);
        Assert.That(errors, Is.Positive, "some flips must have hit data");
    }

    [Test]
    public async Task A_damaged_footer_or_a_flipped_data_byte_is_an_error_that_names_the_file_and_the_column()
    {
        await TickTables.WriteAsync(ReplayHarness.SyntheticTape(120_000, seed: 5), _dir);
        var trades = PathFor(TickTables.TradesFile);
        var pristine = await File.ReadAllBytesAsync(trades);
        var footerLength = BitConverter.ToInt32(pristine, pristine.Length - 8);

        var footer = (byte[])pristine.Clone();
        for (var k = 0; k < 5; k++) footer[pristine.Length - 8 - footerLength + 50 + 13 * k] ^= 0xFF;
        await File.WriteAllBytesAsync(trades, footer);
        Assert.That(async () => await Load(strict: false, _dir), Throws.TypeOf<TickDataException>().With.Message.StartsWith($"{trades}: corrupt Parquet"));

        // Sixteen bytes a third of the way in: inside a column's pages, whose values change or no longer decompress.
        var data = (byte[])pristine.Clone();
        for (var i = 0; i < 16; i++) data[pristine.Length / 3 + i] ^= 0x10;
        await File.WriteAllBytesAsync(trades, data);
        Assert.That(async () => await Load(strict: false, _dir), Throws.TypeOf<TickDataException>().With.Message.StartsWith($"{trades}: corrupt Parquet data in row group ").And.Message.Contains("column '"));
    }

    [Test]
    public async Task A_2_GB_file_of_zeros_is_refused_after_a_bounded_prefix()
    {
        var zeros = PathFor("zeros.jsonl");
        await using (var file = File.Create(zeros)) file.SetLength(2_500_000_000L);
        Assert.That(() => FormatDetector.Detect(zeros), Throws.TypeOf<TickDataException>().With.Message.EqualTo($"{zeros}: unknown format: no line break in the first 2 MiB (a tick file holds one message a line)"));
    }

    [Test]
    public async Task Lines_over_the_limit_are_reported_and_skipped_unread_and_the_rest_is_kept()
    {
        var lines = RealLines().Take(100).ToList();
        var huge = "{\"channel\":\"trades\",\"data\":[" + string.Join(",", Enumerable.Repeat("""{"coin":"BTC","side":"B","px":"1.0","sz":"1","time":1757015216000,"tid":1}""", 150_000)) + "]}";
        var path = PathFor("huge-lines.jsonl");
        await File.WriteAllLinesAsync(path, lines.Take(50).Append(huge).Concat(lines.Skip(50)).Append(huge));

        var (load, log) = await Load(strict: false, path);
        Assert.Multiple(async () =>
        {
            Assert.That(log.Where(l => l.Contains("limit")), Is.EqualTo(new[]
            {
                $"{path}:51: a line of {huge.Length:N0} bytes, over the {LineReader.DefaultMaxLineLength:N0}-byte limit (not read) — skipped",
                $"{path}:102: a line of {huge.Length:N0} bytes, over the {LineReader.DefaultMaxLineLength:N0}-byte limit (not read) — skipped",
            }));
            Assert.That(load.Tape.Count, Is.EqualTo(await EventsOfFirst(lines, 100)));
        });
    }

    [Test]
    public async Task A_file_of_ten_10_MB_lines_among_real_ones_is_read_allocating_less_than_one_of_them_and_each_is_one_bad_line()
    {
        var lines = RealLines().Take(11).ToList();
        var trade = """{"coin":"BTC","side":"B","px":"110000.0","sz":"0.001","time":1757015216000,"hash":"0x00","tid":1,"users":["0x0","0x0"]},""";
        var huge = Encoding.UTF8.GetBytes("{\"channel\":\"trades\",\"data\":[" + string.Concat(Enumerable.Repeat(trade, 10_000_000 / trade.Length)) + trade.TrimEnd(',') + "]}\n");
        var path = PathFor("ten-mb-lines.jsonl");
        await using (var file = File.Create(path))
        {
            for (var i = 0; i < lines.Count; i++)
            {
                file.Write(Encoding.UTF8.GetBytes(lines[i] + "\n"));
                if (i < 10) file.Write(huge);
            }
        }
        Assert.That(new FileInfo(path).Length, Is.GreaterThan(100_000_000));

        var builder = new TapeBuilder(new CoinTable("BTC"));
        var log = new List<string>();
        var format = FormatDetector.Detect(path);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var report = JsonTickReader.Read(path, format, builder, learnCoins: false, strict: false, log.Add);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Multiple(async () =>
        {
            Assert.That(allocated, Is.LessThan(huge.Length), "holding one of the long lines would allocate at least its length");
            Assert.That(report.BadLines, Is.EqualTo(10));
            Assert.That(log.Count(l => l.Contains($"a line of {huge.Length - 1:N0} bytes, over the")), Is.EqualTo(10));
            Assert.That(builder.Count, Is.EqualTo(await EventsOfFirst(lines, 11)), "every real line kept");
        });
    }

    [Test]
    public void The_line_reader_reads_past_an_overlong_line_without_holding_it()
    {
        var text = "first\n" + new string('x', 100_000) + "\nafter\n" + new string('y', 5_000);
        var reader = new LineReader(new MemoryStream(Encoding.ASCII.GetBytes(text)), initialBuffer: 64, maxLineLength: 1_024);
        var seen = new List<(string, long, bool)>();
        while (reader.TryReadLine(out var line)) seen.Add((Encoding.ASCII.GetString(line), reader.OverlongLength, reader.LastLineTerminated));
        Assert.That(seen, Is.EqualTo(new[] { ("first", 0L, true), ("", 100_000L, true), ("after", 0L, true), ("", 5_000L, false) }));
    }

    [TestCase("0")]
    [TestCase("-5")]
    [TestCase("10000000000000000")]
    [TestCase("1893456000000")]
    public async Task One_line_whose_time_is_far_from_its_neighbours_is_a_skipped_bad_line_and_the_replay_ends(string time)
    {
        var lines = RealLines().Take(2_000).ToList();
        var good = await EventsOfFirst(lines, 2_000);
        var bad = Regex.Replace(lines[999], "\"time\":\\d+", $"\"time\":{time}");
        Assert.That(bad, Is.Not.EqualTo(lines[999]));
        var hostile = lines.ToList();
        hostile[999] = bad;
        var path = PathFor("one-bad-time.jsonl");
        await File.WriteAllLinesAsync(path, hostile);

        var (load, log) = await Load(strict: false, path);
        var eventsOfLine1000 = await EventsOfFirst(lines, 1_000) - await EventsOfFirst(lines, 999);
        Assert.That(log, Has.Count.EqualTo(1));
        Assert.That(log[0], Does.StartWith($"{path}:1000: ").And.Contain("time").And.EndWith("— skipped"));
        Assert.That(load.Tape.Count, Is.EqualTo(good - eventsOfLine1000));
        Assert.That(load.Tape.LastTimeMs - load.Tape.FirstTimeMs, Is.LessThan(TimeSpan.FromHours(1).TotalMilliseconds), "the tape spans the recording, not decades");

        var replay = Task.Run(() => ReplayHarness.Run(load.Tape, new SimExchangeConfig(), threaded: false));
        Assert.That(replay.Wait(TimeSpan.FromMinutes(2)), Is.True, "the replay ended");
    }

    [Test]
    public void A_gap_of_years_inside_a_tape_costs_an_hour_of_timers_not_a_hang()
    {
        var builder = new TapeBuilder(new CoinTable("BTC"));
        var sink = builder.Sink;
        foreach (var time in new[] { 1_757_015_216_000L, 1_757_015_216_000L + 10L * 365 * 24 * 3600 * 1000 })
        {
            ref var e = ref sink.Claim();
            e.Reset(EventKind.Trade, 0, time);
            e.Px = new(1_00000000);
            e.Sz = new(1_00000000);
            sink.Publish();
        }
        var replay = Task.Run(() => ReplayHarness.Run(builder.Build(), new SimExchangeConfig(), threaded: false));
        Assert.That(replay.Wait(TimeSpan.FromMinutes(2)), Is.True, "the replay ended");
        Assert.That(replay.Result.State.KindCounts[(int)EventKind.Timer], Is.EqualTo(ReplayDriver.MaxTimerGapMs / 250));
    }

    [Test]
    public async Task A_line_the_codec_cannot_unescape_is_one_bad_line_not_a_lost_file()
    {
        var lines = RealLines().Take(2_000).ToList();
        var hostile = lines.ToList();
        hostile[1_000] = hostile[1_000].Replace("\"coin\":\"BTC\"", "\"coin\":\"BTC\\uD83D\"");
        Assert.That(hostile[1_000], Is.Not.EqualTo(lines[1_000]));
        var path = PathFor("surrogate.jsonl");
        await File.WriteAllLinesAsync(path, hostile);

        var (load, log) = await Load(strict: false, path);
        Assert.That(log.Single(), Does.StartWith($"{path}:1001: malformed message"));
        Assert.That(load.Files.Single().BadLines, Is.EqualTo(1));
        Assert.That(load.Tape.Count, Is.EqualTo(await EventsOfFirst(lines, 2_000) - (await EventsOfFirst(lines, 1_001) - await EventsOfFirst(lines, 1_000))));
    }
}
