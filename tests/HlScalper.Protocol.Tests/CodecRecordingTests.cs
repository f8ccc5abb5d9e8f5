using HlScalper.Engine.Events;
using HlScalper.Engine.Ring;
using HlScalper.Protocol.Codec;

namespace HlScalper.Protocol.Tests;

/// <summary>The codec against every real recording: zero errors, the README's counts, fast path equal to the reference parser, zero allocation.</summary>
public class CodecRecordingTests
{
    private static CoinTable Coins() => new("BTC", "ETH", "SOL");

    [Test]
    public void Archive_BTC_hour_is_5587_full_20x20_snapshots_with_zero_errors()
    {
        var codec = new HlCodec(Coins());
        var log = new EventLog();
        var sink = new CollectingSink(log);
        foreach (var message in Recordings.ArchiveMessages(Recordings.ArchiveBtc))
            Assert.That(codec.Parse(message, ref sink, 0), Is.EqualTo(HlMessageKind.L2Book), codec.LastError);

        Assert.Multiple(() =>
        {
            Assert.That(log.Count, Is.EqualTo(5_587));
            Assert.That(codec.Counters.Malformed, Is.Zero);
            Assert.That(codec.Counters.Fallbacks, Is.Zero, "every archive message takes the fast path");
            Assert.That(codec.Counters.Bytes, Is.GreaterThan(8_000_000));
        });
        var first = log[0];
        Assert.Multiple(() =>
        {
            Assert.That(first.ExchangeTimeMs, Is.EqualTo(1704110399915L), "README: 11:59:59.915Z");
            Assert.That((first.BidCount, first.AskCount), Is.EqualTo(((byte)20, (byte)20)));
            Assert.That(first.Bids[0].Px.Raw, Is.EqualTo(42727_00000000L));
            Assert.That(first.Bids[0].Sz.Raw, Is.EqualTo(2_265_000L));
            Assert.That(first.Asks[0].Px.Raw, Is.EqualTo(42729_00000000L));
            Assert.That(first.Asks[0].Count, Is.EqualTo(2));
        });
        for (var i = 0; i < log.Count; i++)
        {
            ref var e = ref log[i];
            Assert.That(e.Bids[0].Px.Raw, Is.LessThan(e.Asks[0].Px.Raw), $"snapshot {i} is not crossed (README)");
            if (i > 0) Assert.That(e.ExchangeTimeMs, Is.GreaterThan(log[i - 1].ExchangeTimeMs), "time always increases (README)");
        }
    }

    [TestCase("BTC", 5_998, 3_785, 6_675)]
    [TestCase("ETH", 6_356, 3_785, 6_884)]
    [TestCase("SOL", 5_581, 3_785, 4_437)]
    public void Derived_ws_files_have_the_READMEs_books_and_trades(string coin, int lines, int books, int trades)
    {
        var codec = new HlCodec(Coins());
        var log = new EventLog();
        var sink = new CollectingSink(log);
        var messages = Recordings.ArchiveMessages(Recordings.Derived(coin));
        var kinds = messages.Select(m => codec.Parse(m, ref sink, 0)).ToList();
        var events = Enumerable.Range(0, log.Count).Select(i => log[i]).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(messages, Has.Count.EqualTo(lines));
            Assert.That(kinds.Count(k => k == HlMessageKind.L2Book), Is.EqualTo(books));
            Assert.That(kinds.Count(k => k == HlMessageKind.Trades), Is.EqualTo(lines - books));
            Assert.That(events.Count(e => e.Kind == EventKind.Book), Is.EqualTo(books));
            Assert.That(events.Count(e => e.Kind == EventKind.Trade), Is.EqualTo(trades), "one event per CSV trade row");
            Assert.That(events.All(e => e.Coin == codec.Coins.Find(System.Text.Encoding.UTF8.GetBytes(coin))), Is.True);
            Assert.That(codec.Counters.Malformed, Is.Zero);
            Assert.That(codec.Counters.Fallbacks, Is.Zero);
        });
    }

    [Test]
    public void Hftbacktest_capture_with_alphabetical_keys_is_46_books_and_64_trades()
    {
        var codec = new HlCodec(Coins());
        var log = new EventLog();
        var sink = new CollectingSink(log);
        var kinds = Recordings.HftBacktestMessages().Select(m => codec.Parse(m, ref sink, 0)).ToList();
        var events = Enumerable.Range(0, log.Count).Select(i => log[i]).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(kinds, Has.Count.EqualTo(55));
            Assert.That(kinds.Count(k => k == HlMessageKind.L2Book), Is.EqualTo(46));
            Assert.That(kinds.Count(k => k == HlMessageKind.Trades), Is.EqualTo(9));
            Assert.That(events.Count(e => e.Kind == EventKind.Book), Is.EqualTo(46));
            Assert.That(events.Count(e => e.Kind == EventKind.Trade), Is.EqualTo(64));
            Assert.That(events.Where(e => e.Kind == EventKind.Book).All(e => e.BidCount == 20 && e.AskCount == 20), Is.True);
            Assert.That(codec.Counters.Malformed + codec.Counters.Fallbacks, Is.Zero);
        });
    }

    [Test]
    public void Fast_scanner_equals_reference_parser_on_every_real_message()
    {
        var coins = Coins();
        var count = 0;
        foreach (var message in Recordings.All())
        {
            var (fastOk, fast) = ParserRuns.Fast(message, coins);
            var reference = ParserRuns.Reference(message, coins);
            Assert.That(fastOk, Is.True, "real messages take the fast path");
            Assert.That(fast, Is.EqualTo(reference));
            count++;
        }
        Assert.That(count, Is.EqualTo(5_587 + 5_998 + 6_356 + 5_581 + 55));
    }

    [Test]
    public void Parsing_10000_real_l2Book_and_trades_frames_into_ring_slots_allocates_zero_bytes()
    {
        var messages = Recordings.ArchiveMessages(Recordings.Derived("BTC")).Concat(Recordings.HftBacktestMessages()).ToArray();
        Assert.That(messages.Length, Is.GreaterThan(5_000));
        var ring = new RingBuffer<MarketEvent>(1024);
        var sink = new RingEventSink(ring, new SingleProducerSequencer(1024, new YieldingWaitStrategy()));
        var codec = new HlCodec(Coins());
        // Warm up: tiered JIT, the staging batch's largest size, static tables.
        for (var round = 0; round < 3; round++)
            foreach (var m in messages) codec.Parse(m, ref sink, 1);

        var published = sink.Published;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++) codec.Parse(messages[i % messages.Length], ref sink, i);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Multiple(() =>
        {
            Assert.That(allocated, Is.Zero);
            Assert.That(sink.Published - published, Is.GreaterThan(10_000), "books and trade rows were published");
            Assert.That(codec.Counters.Malformed, Is.Zero);
        });
    }
}
