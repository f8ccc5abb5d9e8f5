using System.Text;
using HlScalper.Replay.Data;
using HlScalper.Testing;
using K4os.Compression.LZ4.Internal;
using K4os.Compression.LZ4.Streams;

namespace HlScalper.Replay.Tests;

public class FormatDetectorTests
{
    [TestCase("data/hyperliquid/archive_l2book/market_data/20240101/12/l2Book/BTC.lz4", Compression.Lz4Frame, LineFormat.ArchiveEnvelope)]
    [TestCase("data/hyperliquid/derived_ws_20250904/BTC.lz4", Compression.Lz4Frame, LineFormat.ArchiveEnvelope)]
    [TestCase("data/hyperliquid/derived_ws_20250904/SOL.lz4", Compression.Lz4Frame, LineFormat.ArchiveEnvelope)]
    [TestCase("data/hyperliquid/ws_raw_hftbacktest_btc_20250126/btcusd_20250126.gz", Compression.Gzip, LineFormat.NanosPrefixed)]
    public void Recorded_files_are_recognised_from_their_content(string relative, Compression compression, LineFormat lines)
    {
        var format = FormatDetector.Detect(SharedData.PathOf(relative));
        Assert.That(format, Is.EqualTo(new TickFormat(false, compression, lines)));
    }

    [TestCase("data/hyperliquid/README.md")]
    [TestCase("data/hyperliquid/node_l4_btc_20260505/snapshot_985148181.json.gz")]
    public void Files_in_no_supported_format_are_refused_naming_the_file(string relative)
    {
        var path = SharedData.PathOf(relative);
        Assert.That(() => FormatDetector.Detect(path), Throws.TypeOf<TickDataException>().With.Message.Contains(path).And.Message.Contains("unknown format"));
    }

    [Test]
    public void A_corrupt_lz4_frame_is_a_clear_error()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [0x04, 0x22, 0x4D, 0x18, 0x64, 0x40, 0xA7, 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3]);
            Assert.That(() => FormatDetector.Detect(path), Throws.TypeOf<TickDataException>().With.Message.Contains(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Opening_lz4_files_of_4_MB_blocks_induces_no_full_collections()
    {
        // The exchange's archives are LZ4 frames of 4 MB blocks; a decoder buffer outside the pool is announced to the
        // collector as memory pressure, which induced a full collection on most files opened (26 here without the pool).
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "BTC.lz4");
        using (var file = File.Create(path))
        using (var encoder = LZ4Stream.Encode(file, new LZ4EncoderSettings { BlockSize = Mem.M4, ChainBlocks = false, ContentChecksum = true }))
        {
            // Two blocks, the first one full, as in a recording.
            var line = Encoding.UTF8.GetBytes("{\"channel\":\"trades\",\"data\":[]}\n");
            for (var i = 0; i < 200_000; i++) encoder.Write(line);
        }
        Assert.That(FormatDetector.Detect(path), Is.EqualTo(new TickFormat(false, Compression.Lz4Frame, LineFormat.PlainMessage)));
        var before = GC.CollectionCount(2);
        for (var i = 0; i < 100; i++) FormatDetector.Detect(path);
        Assert.That(GC.CollectionCount(2) - before, Is.LessThanOrEqualTo(3), "full collections while 100 LZ4 files were opened");
    }

    [TestCase("{\"time\":\"2024-01-01T12:00:01.1\",\"ver_num\":1,\"raw\":{\"channel\":\"trades\",\"data\":[]}}", LineFormat.ArchiveEnvelope, "{\"channel\":\"trades\",\"data\":[]}")]
    [TestCase("{\"raw\":{\"channel\":\"l2Book\"} , \"ver_num\":1,\"time\":\"x\"}", LineFormat.ArchiveEnvelope, "{\"channel\":\"l2Book\"}")]
    [TestCase("1737918843905148928 {\"channel\":\"l2Book\",\"data\":{}}\r", LineFormat.NanosPrefixed, "{\"channel\":\"l2Book\",\"data\":{}}")]
    [TestCase("{\"channel\":\"bbo\",\"data\":{}}", LineFormat.PlainMessage, "{\"channel\":\"bbo\",\"data\":{}}")]
    public void Lines_are_classified_and_the_message_sliced_out(string line, LineFormat expected, string message)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        Assert.That(FormatDetector.ClassifyLine(bytes), Is.EqualTo(expected));
        Assert.That(MessageSlicer.TrySlice(bytes, expected, out var range, out var ns), Is.True);
        Assert.That(Encoding.UTF8.GetString(bytes[range]), Is.EqualTo(message));
        Assert.That(ns, Is.EqualTo(expected == LineFormat.NanosPrefixed ? 1737918843905148928 : 0));
    }

    [TestCase("timestamp,price,size")]
    [TestCase("[1,2,3]")]
    [TestCase("12345")]
    public void Other_lines_are_not_tick_lines(string line) => Assert.That(FormatDetector.ClassifyLine(Encoding.UTF8.GetBytes(line)), Is.Null);

    [Test]
    public void Line_reader_returns_every_line_across_buffer_refills()
    {
        var text = string.Join("\n", Enumerable.Range(0, 500).Select(i => new string('x', i % 37) + i)) + "\nlast-without-newline";
        var reader = new LineReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), initialBuffer: 16);
        var lines = new List<string>();
        while (reader.TryReadLine(out var line)) lines.Add(Encoding.UTF8.GetString(line));
        Assert.That(lines, Is.EqualTo(text.Split('\n')));
        Assert.That(reader.LineNumber, Is.EqualTo(501));
    }
}
