using System.Text;
using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Codec;

namespace HlScalper.Protocol.Tests;

/// <summary>Every channel of the spec's examples, field by field, and what happens to bad input.</summary>
public class CodecMessageTests
{
    private static readonly CoinTable Coins = new("BTC", "ETH", "SOL", "@107", "PURR/USDC", "kPEPE", "DYDX");

    private static readonly Dictionary<string, HlMessageKind> KindOfExample = new()
    {
        ["subscriptionResponse"] = HlMessageKind.SubscriptionResponse,
        ["pong"] = HlMessageKind.Pong,
        ["error"] = HlMessageKind.Error,
        ["l2Book"] = HlMessageKind.L2Book,
        ["bbo"] = HlMessageKind.Bbo,
        ["trades"] = HlMessageKind.Trades,
        ["orderUpdates"] = HlMessageKind.OrderUpdates,
        ["userFills"] = HlMessageKind.UserFills,
        ["userEvents"] = HlMessageKind.User,
        ["allMids"] = HlMessageKind.Ignored,
        ["notification"] = HlMessageKind.Ignored,
        ["post-response"] = HlMessageKind.Post,
    };

    private static (HlCodec Codec, EventLog Log, HlMessageKind Kind) Parse(string json, CoinTable? coins = null)
    {
        var codec = new HlCodec(coins ?? Coins);
        var log = new EventLog();
        var sink = new CollectingSink(log);
        var kind = codec.Parse(Encoding.UTF8.GetBytes(json), ref sink, 77);
        return (codec, log, kind);
    }

    [Test]
    public void Every_spec_example_is_recognised_on_the_fast_path()
    {
        var examples = Recordings.Examples();
        Assert.That(examples, Has.Count.EqualTo(41));
        foreach (var (label, message) in examples)
        {
            var codec = new HlCodec(Coins);
            var log = new EventLog();
            var sink = new CollectingSink(log);
            Assert.That(codec.Parse(message, ref sink, 0), Is.EqualTo(KindOfExample[label]), Encoding.UTF8.GetString(message));
            Assert.That(codec.Counters.Fallbacks + codec.Counters.Malformed, Is.Zero, Encoding.UTF8.GetString(message));
        }
    }

    [Test]
    public void Order_update_carries_remaining_and_original_size_status_cloid_and_times()
    {
        var (_, log, kind) = Parse("""{"channel": "orderUpdates", "data": [{"order": {"coin": "ETH", "side": "A", "limitPx": "3124.5", "sz": "0.0", "oid": 556696349201, "timestamp": 1790360257001, "origSz": "0.35", "cloid": "0x9a1c3e5f7b2d4a6c8e0f1a3b5c7d9e2f"}, "status": "filled", "statusTimestamp": 1790360257450}]}""");
        Assert.That(kind, Is.EqualTo(HlMessageKind.OrderUpdates));
        var e = log[0];
        Assert.Multiple(() =>
        {
            Assert.That(e.Kind, Is.EqualTo(EventKind.OrderUpdate));
            Assert.That(e.Coin, Is.EqualTo(1));
            Assert.That(e.Side, Is.EqualTo(Side.Sell));
            Assert.That(e.Px.Raw, Is.EqualTo(3124_50000000L));
            Assert.That(e.Sz.Raw, Is.Zero);
            Assert.That(e.OrigSz.Raw, Is.EqualTo(35_000_000L));
            Assert.That(e.Oid, Is.EqualTo(556696349201L));
            Assert.That(e.Value, Is.EqualTo(1790360257001L), "placement time");
            Assert.That(e.ExchangeTimeMs, Is.EqualTo(1790360257450L), "status time");
            Assert.That(e.Status, Is.EqualTo(OrderStatus.Filled));
            Assert.That(e.Cloid, Is.EqualTo(Cloid.Parse("0x9a1c3e5f7b2d4a6c8e0f1a3b5c7d9e2f")));
            Assert.That(e.Flags, Is.EqualTo(EventFlags.HasCloid));
            Assert.That(e.ReceiveTimestamp, Is.EqualTo(77));
        });
    }

    [TestCase("badAloPxRejected", OrderStatus.BadAloPxRejected)]
    [TestCase("scheduledCancel", OrderStatus.ScheduledCancel)]
    [TestCase("tooManyOpenOrdersRejected", OrderStatus.TooManyOpenOrdersRejected)]
    [TestCase("someFutureStatus", OrderStatus.Unknown)]
    public void Order_status_strings_map_to_the_enum_and_unknown_ones_to_Unknown(string wire, OrderStatus expected)
    {
        var (_, log, _) = Parse($$"""{"channel":"orderUpdates","data":[{"order":{"coin":"BTC","side":"B","limitPx":"1","sz":"1","oid":1,"timestamp":1790360257001,"origSz":"1","reduceOnly":true},"status":"{{wire}}","statusTimestamp":1790360257002}]}""");
        Assert.That(log[0].Status, Is.EqualTo(expected));
        Assert.That(log[0].Flags, Is.EqualTo(EventFlags.ReduceOnly));
    }

    [Test]
    public void User_fills_snapshot_flag_applies_to_every_fill_even_when_it_follows_them()
    {
        var (_, log, kind) = Parse("""{"channel":"userFills","data":{"fills":[{"coin":"SOL","px":"142.62","sz":"3.1","side":"B","time":1790360262000,"startPosition":"-3.1","dir":"Close Short","closedPnl":"-0.031","hash":"0x0a","oid":556696349601,"crossed":true,"fee":"0.198836","builderFee":"0.0","tid":301122334455667,"feeToken":"USDC","twapId":null},{"coin":"BTC","px":"1","sz":"1","side":"A","time":1790360262001,"oid":2,"tid":3,"crossed":false,"fee":"-0.01","cloid":null}],"user":"0x8f","isSnapshot":true}}""");
        Assert.That(kind, Is.EqualTo(HlMessageKind.UserFills));
        Assert.That(log.Count, Is.EqualTo(2));
        var taker = log[0];
        Assert.Multiple(() =>
        {
            Assert.That(taker.Kind, Is.EqualTo(EventKind.Fill));
            Assert.That(taker.StartPosition.Raw, Is.EqualTo(-3_10000000L));
            Assert.That(taker.ClosedPnl, Is.EqualTo(-3_100_000L));
            Assert.That(taker.Fee, Is.EqualTo(19_883_600L));
            Assert.That(taker.Tid, Is.EqualTo(301122334455667L));
            Assert.That(taker.Flags, Is.EqualTo(EventFlags.Crossed | EventFlags.Snapshot));
            Assert.That(log[1].Fee, Is.EqualTo(-1_000_000L), "negative fee = rebate");
            Assert.That(log[1].Flags, Is.EqualTo(EventFlags.Snapshot), "maker, no cloid");
        });
    }

    [Test]
    public void Bbo_with_a_missing_side_has_count_zero_on_that_side()
    {
        var (_, log, _) = Parse("""{"channel": "bbo", "data": {"coin": "PURR/USDC", "time": 1790358618420, "bbo": [null, {"px": "0.1873", "sz": "2500", "n": 1}]}}""");
        Assert.That((log[0].Kind, log[0].BidCount, log[0].AskCount, log[0].Coin), Is.EqualTo((EventKind.Bbo, (byte)0, (byte)1, (ushort)4)));
        Assert.That(log[0].Asks[0].Px.Raw, Is.EqualTo(18_730_000L));
    }

    [Test]
    public void Post_response_reports_its_id_statuses_and_raw_response_to_the_order_path()
    {
        var codec = new HlCodec(Coins);
        var seen = new List<(long, PostReplyKind, ExchangeResponseType, string, string)>();
        codec.OnPostResponse = (long id, in PostReply reply) =>
            seen.Add((id, reply.Kind, reply.Type, string.Join(";", reply.Statuses.ToArray().Select(s => ParserRuns.StatusText(in s))), Encoding.UTF8.GetString(reply.Response)));
        var log = new EventLog();
        var sink = new CollectingSink(log);
        var message = """{"channel": "post", "data": {"id": 256, "response": {"type": "action", "payload": {"status": "ok", "response": {"type": "order", "data": {"statuses": [{"resting": {"oid": 88383}}]}}}}}}"""u8;
        Assert.That(codec.Parse(message, ref sink, 0), Is.EqualTo(HlMessageKind.Post));
        Assert.That(seen, Is.EqualTo(new[]
        {
            (256L, PostReplyKind.Statuses, ExchangeResponseType.Order, "status Resting oid=88383 sz=0 px=0 refusal=Unknown",
                """{"type": "action", "payload": {"status": "ok", "response": {"type": "order", "data": {"statuses": [{"resting": {"oid": 88383}}]}}}}"""),
        }));
        Assert.That(codec.LastPostId, Is.EqualTo(256));
        Assert.That(log.Count, Is.Zero);
        Assert.That(codec.Counters.Fallbacks, Is.Zero);
    }

    [Test]
    public void Error_channel_exposes_the_text_and_is_counted()
    {
        var message = Encoding.UTF8.GetBytes("""{"channel": "error", "data": "Already subscribed: {\"type\":\"l2Book\",\"coin\":\"BTC\"}"}""");
        var codec = new HlCodec(Coins);
        var sink = new CollectingSink(new EventLog());
        Assert.That(codec.Parse(message, ref sink, 0), Is.EqualTo(HlMessageKind.Error));
        Assert.That(Encoding.UTF8.GetString(message[codec.LastPayload]), Does.StartWith("Already subscribed: {\\\"type\\\""));
        Assert.That(codec.Counters.ServerErrors, Is.EqualTo(1));
    }

    [Test]
    public void The_plain_text_greeting_is_recognised()
    {
        var (codec, log, kind) = Parse("Websocket connection established.");
        Assert.That(kind, Is.EqualTo(HlMessageKind.Greeting));
        Assert.That((log.Count, codec.Counters.Malformed, codec.Counters.Fallbacks), Is.EqualTo((0, 0L, 0L)));
    }

    [Test]
    public void Items_for_coins_outside_the_table_are_skipped_and_counted()
    {
        var (codec, log, kind) = Parse("""{"channel":"trades","data":[{"coin":"DOGE","side":"B","px":"1","sz":"1","time":1790360262000,"tid":1},{"coin":"BTC","side":"A","px":"2","sz":"1","time":1790360262000,"tid":2}]}""", new CoinTable("BTC"));
        Assert.That(kind, Is.EqualTo(HlMessageKind.Trades));
        Assert.That(log.Count, Is.EqualTo(1));
        Assert.That(log[0].Px.Raw, Is.EqualTo(2_00000000L));
        Assert.That(codec.Counters.UnknownCoins, Is.EqualTo(1));
    }

    [TestCase("", "does not contain any JSON")]
    [TestCase("garbage \u0001\u0002", "invalid")]
    [TestCase("""{"channel":"trades","data":[{"coin":"BTC","side":"B","px":"1e5","sz":"1","time":1,"tid":1}]}""", "no exponent")]
    [TestCase("""{"channel":"trades","data":[{"coin":"BTC","side":"X","px":"1","sz":"1","time":1,"tid":1}]}""", "neither \"B\" nor \"A\"")]
    [TestCase("""{"channel":"trades","data":[{"coin":"BTC","side":"B","px":"1","sz":"1","time":1}]}""", "needs coin, side, px, sz, time and tid")]
    [TestCase("""{"channel":"l2Book","data":{"coin":"BTC","time":1,"levels":[[{"px":"1","sz":"1","n":1}],[""", "")]
    [TestCase("""{"channel":"l2Book","data":{"coin":"BTC","time":1.5,"levels":[[],[]]}}""", "not a 64-bit integer")]
    [TestCase("""{"channel":"l2Book","data":{"coin":"BTC","time":1,"levels":[[],[],[]]}}""", "exactly two sides")]
    [TestCase("""{"channel":"bbo","data":{"coin":"BTC","time":1,"bbo":[null,null]}} trailing""", "")]
    [TestCase("""{"data":{}}""", "no 'channel'")]
    public void Malformed_messages_are_counted_explained_and_publish_nothing(string json, string reason)
    {
        var lines = new List<string>();
        var codec = new HlCodec(Coins, lines.Add);
        var log = new EventLog();
        var sink = new CollectingSink(log);
        Assert.That(codec.Parse(Encoding.UTF8.GetBytes(json), ref sink, 0), Is.EqualTo(HlMessageKind.Malformed));
        Assert.Multiple(() =>
        {
            Assert.That(log.Count, Is.Zero, "a message is published whole or not at all");
            Assert.That(codec.Counters.Malformed, Is.EqualTo(1));
            Assert.That(codec.LastError, Does.Contain(reason));
            Assert.That(lines, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void A_storm_of_malformed_messages_is_logged_rate_limited_and_good_messages_still_parse()
    {
        var lines = new List<string>();
        var codec = new HlCodec(Coins, lines.Add);
        var log = new EventLog();
        var sink = new CollectingSink(log);
        for (var i = 0; i < 1000; i++) codec.Parse("{\"channel\":"u8, ref sink, 0);
        Assert.That(codec.Parse("""{"channel":"bbo","data":{"coin":"BTC","time":1790360262000,"bbo":[null,null]}}"""u8, ref sink, 0), Is.EqualTo(HlMessageKind.Bbo));
        Assert.That(codec.Counters.Malformed, Is.EqualTo(1000));
        Assert.That(lines.Count, Is.InRange(1, 999), "rate-limited, not one line per message");
        Assert.That(log.Count, Is.EqualTo(1));
    }
}
