using System.Text;
using HlScalper.Engine.Book;
using HlScalper.Engine.Events;
using HlScalper.Protocol.Codec;

namespace HlScalper.Protocol.Tests;

/// <summary>The reproducers of the fuzzing campaign (issue #16), one case each: the codec never throws, never accepts what is not JSON, never publishes an impossible value, never keeps a huge message's memory.</summary>
public class CodecHostileInputTests
{
    private static readonly CoinTable Coins = new("BTC", "ETH");

    private const long T = 1_757_015_216_000;

    private static string Book(string bids, string asks, long time = T) =>
        $$$"""{"channel":"l2Book","data":{"coin":"BTC","time":{{{time}}},"levels":[[{{{bids}}}],[{{{asks}}}]]}}""";

    private static string Level(string px, string sz, int n = 1) => $$"""{"px":"{{px}}","sz":"{{sz}}","n":{{n}}}""";

    private static string Trade(string px = "109757.0", string sz = "0.01", string time = "1757015216000", string tid = "7", string hash = "\"0xab\"") =>
        $$$"""{"channel":"trades","data":[{"coin":"BTC","side":"B","px":"{{{px}}}","sz":"{{{sz}}}","time":{{{time}}},"hash":{{{hash}}},"tid":{{{tid}}},"users":["0xa","0xb"]}]}""";

    private static (HlCodec Codec, EventLog Log, HlMessageKind Kind) Parse(byte[] message, long receiveUnixMs = 0)
    {
        var codec = new HlCodec(Coins);
        var log = new EventLog();
        var sink = new CollectingSink(log);
        var kind = codec.Parse(message, ref sink, 1, receiveUnixMs);
        return (codec, log, kind);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static IEnumerable<TestCaseData> UnreadableText()
    {
        yield return new TestCaseData(Bytes("{\"\\uD800\":")).SetName("a lone surrogate in a key, 10 bytes");
        yield return new TestCaseData(Bytes(Book(Level("1", "1"), Level("2", "1")).Replace("\"BTC\"", "\"BTC\\uD83D\""))).SetName("an l2Book whose coin ends in a lone surrogate");
        yield return new TestCaseData(Bytes(Trade(hash: "\"0x\\uDC00ab\""))).SetName("a lone low surrogate in a skipped string");
        yield return new TestCaseData((byte[])[.. Bytes("{\"channel\":\"l2Book\",\"data\":{\"coin\":\"B\\u0054"), 0xFF, .. Bytes("C\",\"time\":1757015216000,\"levels\":[[],[]]}}")])
            .SetName("invalid UTF-8 inside an escaped coin");
    }

    [TestCaseSource(nameof(UnreadableText))]
    public void Text_that_decodes_to_no_Unicode_is_malformed_and_never_thrown(byte[] message)
    {
        var (codec, log, kind) = Parse(message);
        Assert.Multiple(() =>
        {
            Assert.That(kind, Is.EqualTo(HlMessageKind.Malformed));
            Assert.That(codec.Counters.Malformed, Is.EqualTo(1));
            Assert.That(codec.Counters.ParserFaults, Is.Zero, codec.LastError);
            Assert.That(log.Count, Is.Zero);
        });
    }

    private static IEnumerable<TestCaseData> NotJson()
    {
        yield return new TestCaseData(Bytes(Trade(hash: "0x"))).SetName("hash 0x, a number JSON does not have");
        yield return new TestCaseData(Bytes(Trade(hash: "\"0x\u0001ab\""))).SetName("a raw 0x01 byte in a skipped string");
        yield return new TestCaseData((byte[])[.. Bytes(Trade(hash: "\"0x")), 0xFF, .. Bytes("\"")]).SetName("a raw 0xFF byte in a skipped string");
        yield return new TestCaseData(Bytes(Trade().Replace("\"hash\":", "\"x\":[},\"hash\":"))).SetName("x [}, in a skipped value");
        yield return new TestCaseData(Bytes(Trade().Replace("\"users\":[\"0xa\",\"0xb\"]", "\"users\":[\"0xa\",]"))).SetName("a trailing comma in a skipped array");
        yield return new TestCaseData(Bytes(Trade(hash: "tru"))).SetName("a truncated literal");
        yield return new TestCaseData(Bytes(Trade(hash: "01"))).SetName("a number with a leading zero");
    }

    [TestCaseSource(nameof(NotJson))]
    public void What_is_not_JSON_is_declined_by_the_fast_scanner_and_malformed_for_the_codec(byte[] message)
    {
        var (recognised, _) = ParserRuns.Fast(message, Coins);
        var (codec, log, kind) = Parse(message);
        Assert.Multiple(() =>
        {
            Assert.That(recognised, Is.False, "the fast scanner accepted what is not JSON");
            Assert.That(ParserRuns.Reference(message, Coins), Does.StartWith("rejected"));
            Assert.That(kind, Is.EqualTo(HlMessageKind.Malformed));
            Assert.That(log.Count, Is.Zero);
            Assert.That(codec.Counters.ParserFaults, Is.Zero);
        });
    }

    private static IEnumerable<TestCaseData> Impossible()
    {
        yield return new TestCaseData(Book(Level("109757.0", "-3.2"), Level("109758.0", "1")), HlRejectReason.SizeNotPositive).SetName("bid 109757 size -3.2");
        yield return new TestCaseData(Book(Level("109757.0", "0.0"), Level("109758.0", "1")), HlRejectReason.SizeNotPositive).SetName("a level of size 0");
        yield return new TestCaseData(Book(Level("0.0", "1"), Level("109758.0", "1")), HlRejectReason.PriceNotPositive).SetName("a level at price 0");
        yield return new TestCaseData(Book(Level("109757.0", "1") + "," + Level("109757.0", "1"), Level("109758.0", "1")), HlRejectReason.BidsNotDescending).SetName("two bids at one price");
        yield return new TestCaseData(Book(Level("109756.0", "1") + "," + Level("109757.0", "1"), Level("109758.0", "1")), HlRejectReason.BidsNotDescending).SetName("bids rising");
        yield return new TestCaseData(Book(Level("109757.0", "1"), Level("109759.0", "1") + "," + Level("109758.0", "1")), HlRejectReason.AsksNotAscending).SetName("asks falling");
        yield return new TestCaseData(Trade(px: "0.0"), HlRejectReason.PriceNotPositive).SetName("a trade at price 0");
        yield return new TestCaseData(Trade(px: "-1.0"), HlRejectReason.PriceNotPositive).SetName("a trade at a negative price");
        yield return new TestCaseData(Trade(sz: "0"), HlRejectReason.SizeNotPositive).SetName("a trade of size 0");
        yield return new TestCaseData(Trade(time: "0"), HlRejectReason.TimeOutOfRange).SetName("a trade at time 0");
        yield return new TestCaseData(Trade(time: "-5"), HlRejectReason.TimeOutOfRange).SetName("a trade at time -5");
        yield return new TestCaseData(Book(Level("1", "1"), Level("2", "1"), time: 9_999_999_999_999_999), HlRejectReason.TimeOutOfRange).SetName("a book at time 9999999999999999");
        yield return new TestCaseData(Trade(tid: "-1"), HlRejectReason.NegativeId).SetName("a negative trade id");
    }

    [TestCaseSource(nameof(Impossible))]
    public void Impossible_values_refuse_the_message_and_are_counted_by_reason(string json, HlRejectReason reason)
    {
        var (codec, log, kind) = Parse(Bytes(json));
        Assert.Multiple(() =>
        {
            Assert.That(kind, Is.EqualTo(HlMessageKind.Malformed));
            Assert.That(log.Count, Is.Zero, "published nothing");
            Assert.That(codec.Counters.Rejected(reason), Is.EqualTo(1));
            Assert.That(codec.Counters.Malformed, Is.EqualTo(1));
            Assert.That(codec.LastError, Does.Contain(reason.ToString()));
        });
    }

    [TestCase("007.5")]
    [TestCase("00")]
    [TestCase("-01.5")]
    public void A_decimal_with_a_leading_zero_is_malformed_on_both_paths(string px)
    {
        var compact = Bytes(Trade(px: px));
        var spaced = Bytes(Trade(px: px).Replace(",", ", "));
        foreach (var message in new[] { compact, spaced })
        {
            var (codec, log, kind) = Parse(message);
            Assert.That((kind, log.Count), Is.EqualTo((HlMessageKind.Malformed, 0)), Encoding.UTF8.GetString(message));
            Assert.That(codec.LastError, Does.Contain("leading zero"));
        }
    }

    [TestCase("109757.0", "109756.0")]
    [TestCase("109757.0", "109757.0")]
    public void A_crossed_or_locked_book_is_published_flagged_and_the_engine_book_then_has_no_two_sides(string bid, string ask)
    {
        var (codec, log, kind) = Parse(Bytes(Book(Level(bid, "3.2") + "," + Level("109700.0", "1"), Level(ask, "1") + "," + Level("109800.0", "1"))));
        Assert.That(kind, Is.EqualTo(HlMessageKind.L2Book), codec.LastError);
        Assert.That(log.Count, Is.EqualTo(1));
        Assert.That(log[0].Flags, Is.EqualTo(EventFlags.Crossed));
        Assert.That(codec.Counters.CrossedBooks, Is.EqualTo(1));
        var book = new L2Book();
        book.ApplySnapshot(in log[0]);
        Assert.That(book.HasTwoSides, Is.False, "the strategy's signals are invalid while the book is crossed");

        var (_, calm, _) = Parse(Bytes(Book(Level("109757.0", "1"), Level("109758.0", "1"))));
        Assert.That(calm[0].Flags, Is.EqualTo(EventFlags.None), "an ordinary book is not flagged");
    }

    [Test]
    public void Event_times_are_held_to_the_receive_time_when_it_is_known()
    {
        var book = Bytes(Book(Level("1", "1"), Level("2", "1")));
        var minutes = TimeSpan.FromMinutes(1).TotalMilliseconds;
        Assert.Multiple(() =>
        {
            Assert.That(Parse(book, receiveUnixMs: T + 250).Kind, Is.EqualTo(HlMessageKind.L2Book));
            Assert.That(Parse(book, receiveUnixMs: 0).Kind, Is.EqualTo(HlMessageKind.L2Book), "unknown receive time: only the absolute window");
            Assert.That(Parse(book, receiveUnixMs: T + (long)(10 * minutes)).Kind, Is.EqualTo(HlMessageKind.Malformed), "a book 10 min old");
            Assert.That(Parse(book, receiveUnixMs: T - (long)(10 * minutes)).Kind, Is.EqualTo(HlMessageKind.Malformed), "a book from 10 min ahead");
            Assert.That(Parse(Bytes(Trade()), receiveUnixMs: T + (long)(60 * minutes)).Kind, Is.EqualTo(HlMessageKind.Trades), "a trade an hour old is history (a subscription's snapshot)");
            Assert.That(Parse(Bytes(Trade()), receiveUnixMs: T - (long)(10 * minutes)).Kind, Is.EqualTo(HlMessageKind.Malformed), "a trade from the future");
        });
    }

    [Test]
    public void A_1_MiB_trades_message_parses_whole_and_the_staging_returns_to_its_normal_size()
    {
        var trades = new StringBuilder("""{"channel":"trades","data":[""");
        var count = 0;
        while (trades.Length < (1 << 20) - 200)
        {
            if (count > 0) trades.Append(',');
            trades.Append($$"""{"coin":"BTC","side":"B","px":"109757.0","sz":"0.01","time":1757015216000,"hash":"0xab","tid":{{++count}},"users":["0xa","0xb"]}""");
        }
        trades.Append("]}");
        var (codec, log, kind) = Parse(Bytes(trades.ToString()));
        Assert.Multiple(() =>
        {
            Assert.That(kind, Is.EqualTo(HlMessageKind.Trades));
            Assert.That(log.Count, Is.EqualTo(count).And.GreaterThan(8_000));
            Assert.That(codec.StagingCapacity, Is.LessThanOrEqualTo(EventBatch.MaxRetainedCapacity), "a huge message's staging is given back");
        });
    }
}
