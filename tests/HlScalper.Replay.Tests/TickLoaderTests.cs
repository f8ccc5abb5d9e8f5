using System.IO.Compression;
using System.Text;
using HlScalper.Engine.Events;
using HlScalper.Replay.Data;

namespace HlScalper.Replay.Tests;

/// <summary>The readers against every recording in ../shared that is in a supported format; counts are the data README's.</summary>
public class TickLoaderTests
{
    private const string Derived = "data/hyperliquid/derived_ws_20250904/";

    private static async Task<(LoadResult Load, List<string> Log)> Load(string? coin, bool strict, params string[] paths)
    {
        var log = new List<string>();
        var load = await TickLoader.LoadAsync(paths, coin, strict, log.Add);
        return (load, log);
    }

    [TestCase("BTC", 3785, 6675, 0)]
    [TestCase("ETH", 3785, 6884, 17)]
    [TestCase("SOL", 3785, 4437, 10)]
    public async Task Derived_ws_files_hold_the_readme_counts(string coin, int books, int tradeRows, int duplicates)
    {
        var (load, log) = await Load(null, strict: true, SharedData.PathOf(Derived + coin + ".lz4"));
        var summary = CoinSummary.Of(load).Single();
        Assert.That(summary.Coin, Is.EqualTo(coin));
        Assert.That(summary.BookSnapshots, Is.EqualTo(books));
        Assert.That(summary.Trades, Is.EqualTo(tradeRows));
        Assert.That(summary.UniqueTids, Is.EqualTo(tradeRows - duplicates));
        Assert.That(load.DuplicateTrades, Is.EqualTo(duplicates));
        Assert.That(load.Files.Single().Lines, Is.EqualTo(coin switch { "BTC" => 5998, "ETH" => 6356, _ => 5581 }));
        Assert.That(log, Is.Empty);
    }

    [Test]
    public async Task The_archive_hour_is_5587_full_uncrossed_snapshots_in_time_order()
    {
        var (load, _) = await Load("BTC", strict: true, SharedData.PathOf("data/hyperliquid/archive_l2book/market_data/20240101/12/l2Book/BTC.lz4"));
        var tape = load.Tape;
        Assert.That(tape.Count, Is.EqualTo(5587));
        Assert.That(tape.FirstTimeMs, Is.EqualTo(1704110399915));
        Assert.That(tape.LastTimeMs, Is.EqualTo(DateTimeOffset.Parse("2024-01-01T12:59:59.268Z").ToUnixTimeMilliseconds()));
        foreach (ref readonly var e in tape.Span)
        {
            Assert.That(e.Kind, Is.EqualTo(EventKind.Book));
            Assert.That(e.BidCount == 20 && e.AskCount == 20 && e.Bids[0].Px < e.Asks[0].Px, Is.True);
        }
    }

    [Test]
    public async Task The_hftbacktest_file_gives_46_books_and_64_trades_with_local_receive_times()
    {
        var (load, _) = await Load(null, strict: true, SharedData.PathOf("data/hyperliquid/ws_raw_hftbacktest_btc_20250126/btcusd_20250126.gz"));
        var btc = CoinSummary.Of(load).Single();
        Assert.That((btc.BookSnapshots, btc.Trades), Is.EqualTo((46L, 64L)));
        Assert.That(load.Tape.Events[0].ReceiveTimestamp, Is.GreaterThan(0));
    }

    [Test]
    public async Task Files_merge_in_time_order_and_the_coin_filter_keeps_one_coin()
    {
        var (all, _) = await Load(null, strict: true, SharedData.PathOf(Derived + "ETH.lz4"), SharedData.PathOf(Derived + "BTC.lz4"));
        Assert.That(all.Tape.Coins.Count, Is.EqualTo(2));
        for (var i = 1; i < all.Tape.Count; i++) Assert.That(all.Tape.Events[i].ExchangeTimeMs, Is.GreaterThanOrEqualTo(all.Tape.Events[i - 1].ExchangeTimeMs));
        var (btc, _) = await Load("BTC", strict: true, SharedData.PathOf(Derived + "ETH.lz4"), SharedData.PathOf(Derived + "BTC.lz4"));
        Assert.That(btc.Tape.Count, Is.EqualTo(3785 + 6675));
        Assert.That(all.Tape.Count, Is.EqualTo(btc.Tape.Count + 3785 + 6884 - 17));
    }

    [Test]
    public async Task A_bad_line_in_the_middle_is_reported_with_file_and_line_and_skipped_unless_strict()
    {
        var lines = new List<string>();
        using (var source = new StreamReader(FormatDetector.Open(SharedData.PathOf("data/hyperliquid/ws_raw_hftbacktest_btc_20250126/btcusd_20250126.gz"), Compression.Gzip)))
            while (source.ReadLine() is { } line) lines.Add(line);
        lines.Insert(20, "1737918850000000000 {\"channel\":\"l2Book\",\"data\":{\"coin\":\"BTC\",\"time\":oops}}");
        lines.Insert(30, "this is not a tick line");
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.gz");
        try
        {
            await using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
                gzip.Write(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
            var (load, log) = await Load(null, strict: false, path);
            Assert.That(log, Has.Count.EqualTo(2));
            Assert.That(log[0], Does.StartWith($"{path}:21: "));
            Assert.That(log[1], Does.StartWith($"{path}:31: "));
            Assert.That(load.Files.Single().BadLines, Is.EqualTo(2));
            Assert.That(load.Tape.Count, Is.EqualTo(110), "everything else is kept");

            Assert.That(async () => await Load(null, strict: true, path),
                Throws.TypeOf<TickDataException>().With.Message.StartsWith($"{path}:21: "));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task Plain_ws_message_lines_read_the_same_as_the_ns_prefixed_originals()
    {
        var source = SharedData.PathOf("data/hyperliquid/ws_raw_hftbacktest_btc_20250126/btcusd_20250126.gz");
        var plain = Path.Combine(Path.GetTempPath(), $"plain-{Guid.NewGuid():N}.jsonl");
        try
        {
            using (var reader = new StreamReader(FormatDetector.Open(source, Compression.Gzip)))
            await using (var writer = new StreamWriter(plain))
                while (reader.ReadLine() is { } line) await writer.WriteLineAsync(line[(line.IndexOf(' ') + 1)..]);
            Assert.That(FormatDetector.Detect(plain), Is.EqualTo(new TickFormat(false, Compression.None, LineFormat.PlainMessage)));
            var (fromPlain, _) = await Load(null, strict: true, plain);
            var (fromPrefixed, _) = await Load(null, strict: true, source);
            Assert.That(CoinSummary.Of(fromPlain), Is.EqualTo(CoinSummary.Of(fromPrefixed)));
        }
        finally
        {
            File.Delete(plain);
        }
    }

    [Test]
    public async Task Corruption_in_the_middle_of_an_lz4_file_keeps_the_lines_before_it_and_names_the_file_and_line_or_fails_when_strict()
    {
        var bytes = await File.ReadAllBytesAsync(SharedData.PathOf(Derived + "BTC.lz4"));
        for (var i = 400_000; i < 400_400; i++) bytes[i] ^= 0x5A;
        var path = Path.Combine(Path.GetTempPath(), $"corrupt-{Guid.NewGuid():N}.lz4");
        try
        {
            await File.WriteAllBytesAsync(path, bytes);
            var (load, log) = await Load(null, strict: false, path);
            var warning = log.Single(l => l.Contains("data cut or corrupt"));
            Assert.That(warning, Does.Match($@"^{System.Text.RegularExpressions.Regex.Escape(path)}: Lz4Frame data cut or corrupt after line ([\d,]+): .* kept the \1 complete lines before it$"));
            Assert.That(load.Tape.Count, Is.InRange(1, 10_459), "the lines before the damage, not the file");
            // The frame's content checksum comes at its end: strict stops earlier, at the first garbled line the damage made.
            Assert.That(async () => await Load(null, strict: true, path),
                Throws.TypeOf<TickDataException>().With.Message.StartsWith($"{path}:").And.Message.EndsWith("(--strict)"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void A_missing_file_names_itself()
    {
        Assert.That(async () => await Load(null, false, "/nonexistent/ticks.lz4"),
            Throws.TypeOf<TickDataException>().With.Message.Contains("/nonexistent/ticks.lz4"));
    }

    [Test]
    public async Task Converted_parquet_replays_the_same_tape_as_the_json_source()
    {
        var (json, _) = await Load("BTC", strict: true, SharedData.PathOf(Derived + "BTC.lz4"));
        var dir = Path.Combine(Path.GetTempPath(), $"conv-{Guid.NewGuid():N}");
        try
        {
            await TickTables.WriteAsync(json.Tape, dir);
            var (parquet, _) = await Load("BTC", strict: true, dir);
            Assert.That(parquet.Tape.Count, Is.EqualTo(json.Tape.Count));
            var a = CoinSummary.Of(json).Single();
            var b = CoinSummary.Of(parquet).Single();
            Assert.That(b, Is.EqualTo(a));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
