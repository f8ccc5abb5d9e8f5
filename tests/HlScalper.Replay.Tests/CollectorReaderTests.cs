using HlScalper.Engine.Events;
using HlScalper.Replay.Data;
using HlScalper.Replay.Driver;

namespace HlScalper.Replay.Tests;

/// <summary>The WebSocket collector's CSV tables, written here by hand: detected by header, floats made exact, BBO rows paired, a bad row skipped and reported; gaps found.</summary>
public class CollectorReaderTests
{
    private string _dir = null!;

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("collector-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task Trades_and_bbo_rows_become_events_with_exact_prices_and_a_bad_row_costs_only_itself()
    {
        File.WriteAllText(Path.Combine(_dir, "trades_SOL.csv"), """
            timestamp,price,size,side,trade_id,exchange_timestamp
            1757015216.673878,202.55,1e-05,buy,11,1757015209306
            1757015216.673878,202.56,oops,sell,12,1757015209307
            1757015217.5,202.54,3.25,sell,13,1757015210000

            """);
        File.WriteAllText(Path.Combine(_dir, "prices_SOL.csv"), """
            timestamp,price,size,side,exchange_timestamp
            1757015216.8,202.54,10.0,bid,1757015209400
            1757015216.8,202.55,4.5,ask,1757015209400
            1757015216.9,202.53,1.0,bid,1757015209500
            """);
        var log = new List<string>();
        var load = await TickLoader.LoadAsync([_dir], null, strict: false, log.Add);
        var events = load.Tape.Span.ToArray();
        var trades = events.Where(e => e.Kind == EventKind.Trade).ToList();
        var bbos = events.Where(e => e.Kind == EventKind.Bbo).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(load.Tape.Coins.NameOf(0), Is.EqualTo("SOL"), "the coin from the file name");
            Assert.That(trades.Select(t => t.Tid), Is.EqualTo(new long[] { 11, 13 }));
            Assert.That(trades[0].Px.Raw, Is.EqualTo(20_255_000_000L));
            Assert.That(trades[0].Sz.Raw, Is.EqualTo(1_000L), "1e-05 exactly");
            Assert.That(trades[0].Side, Is.EqualTo(Side.Buy));
            Assert.That(trades[1].Side, Is.EqualTo(Side.Sell));
            Assert.That(log, Has.Some.Contains("trades_SOL.csv:3").And.Some.Contains("skipped"));
            Assert.That(bbos, Has.Count.EqualTo(2), "bid and ask of one time are one update; a lone bid is its own");
            Assert.That((bbos[0].BidCount, bbos[0].AskCount, bbos[0].Bids[0].Px.Raw, bbos[0].Asks[0].Sz.Raw), Is.EqualTo(((byte)1, (byte)1, 20_254_000_000L, 450_000_000L)));
            Assert.That((bbos[1].BidCount, bbos[1].AskCount), Is.EqualTo(((byte)1, (byte)0)));
            Assert.That(load.Files.Select(f => f.Format.ToString()), Has.All.StartWith("collector CSV"));
        });
    }

    [Test]
    public async Task Strict_stops_at_the_first_bad_row_with_file_and_line()
    {
        File.WriteAllText(Path.Combine(_dir, "trades_BTC.csv"), "timestamp,price,size,side,trade_id,exchange_timestamp\n1.0,100,1,sideways,1,1000\n");
        var e = Assert.ThrowsAsync<TickDataException>(() => TickLoader.LoadAsync([Path.Combine(_dir, "trades_BTC.csv")], null, strict: true, _ => { }))!;
        Assert.That(e.Message, Does.Contain("trades_BTC.csv:2").And.Contain("sideways"));
    }

    [Test]
    public async Task A_cut_gzip_collector_csv_keeps_its_complete_rows_and_says_how_many()
    {
        var rows = Enumerable.Range(0, 20_000).Select(i => $"1757015216.5,{100 + i % 7}.25,1.5,buy,{i + 1},{1_757_015_209_000L + i}");
        var path = Path.Combine(_dir, "trades_BTC.csv.gz");
        await using (var gzip = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest))
            gzip.Write(System.Text.Encoding.ASCII.GetBytes("timestamp,price,size,side,trade_id,exchange_timestamp\n" + string.Concat(rows.Select(r => r + "\n"))));
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);

        var log = new List<string>();
        var load = await TickLoader.LoadAsync([path], null, strict: false, log.Add);
        var warning = log.Single(l => l.Contains("cut or corrupt"));
        var kept = long.Parse(System.Text.RegularExpressions.Regex.Match(warning, @"kept the ([\d,]+) complete lines").Groups[1].Value.Replace(",", ""));
        Assert.Multiple(() =>
        {
            Assert.That(warning, Does.StartWith($"{path}: Gzip data cut or corrupt after line "));
            Assert.That(kept, Is.InRange(2, 20_000));
            Assert.That(load.Tape.Span.ToArray().Select(e => e.Tid), Is.EqualTo(Enumerable.Range(1, (int)kept - 1).Select(i => (long)i)), "the header, then every row before the cut, in order");
        });
        Assert.ThrowsAsync<TickDataException>(() => TickLoader.LoadAsync([path], null, strict: true, _ => { }));
    }

    [Test]
    public async Task A_collector_parquet_file_with_a_damaged_footer_is_an_error_naming_the_file()
    {
        var path = Path.Combine(_dir, "trades_BTC.parquet");
        var n = 1_000;
        await new HlScalper.Replay.Reports.ParquetTable()
            .Add("timestamp", Enumerable.Range(0, n).Select(i => 1757015216.5 + i).ToArray())
            .Add("price", Enumerable.Repeat(100.25, n).ToArray())
            .Add("size", Enumerable.Repeat(1.5, n).ToArray())
            .Add("side", Enumerable.Repeat("buy", n).ToArray())
            .Add("trade_id", Enumerable.Range(1, n).Select(i => (long)i).ToArray())
            .Add("exchange_timestamp", Enumerable.Range(0, n).Select(i => 1_757_015_209_000L + i).ToArray())
            .WriteAsync(path);
        Assert.That((await TickLoader.LoadAsync([path], null, strict: true, _ => { })).Tape.Count, Is.EqualTo(n), "the intact file reads");

        var bytes = await File.ReadAllBytesAsync(path);
        var footerLength = BitConverter.ToInt32(bytes, bytes.Length - 8);
        for (var k = 0; k < 5; k++) bytes[bytes.Length - 8 - footerLength + 20 + 13 * k] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);
        var e = Assert.ThrowsAsync<TickDataException>(() => TickLoader.LoadAsync([path], null, strict: false, _ => { }))!;
        Assert.That(e.Message, Does.StartWith($"{path}: corrupt Parquet"));
    }

    [Test]
    public void Gaps_longer_than_the_threshold_are_found_in_time_order()
    {
        var builder = new TapeBuilder(new CoinTable("BTC"));
        foreach (var t in new long[] { 0, 1_000, 5_000_000, 5_001_000, 200_000_000 })
        {
            var sink = builder.Sink;
            ref var e = ref sink.Claim();
            e.Reset(EventKind.Bbo, 0, t);
            sink.Publish();
        }
        var gaps = TimeGaps.Find(builder.Build(), TimeGaps.WarnMs);
        Assert.That(gaps, Is.EqualTo(new[] { (1_000L, 5_000_000L), (5_001_000L, 200_000_000L) }));
    }
}
