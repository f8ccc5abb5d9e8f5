using System.Text;
using System.Text.Json;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Ring;
using HlScalper.Gateway.Orders;
using HlScalper.Protocol.Codec;
using HlScalper.Protocol.Signing;

namespace HlScalper.Gateway.Tests;

/// <summary>
/// Post answers from the codec through the router into the order sender and out as order updates on a real ring, for orders the
/// sender really sent over a loopback WebSocket: every answer shape becomes the right update, and none allocates once warm.
/// </summary>
public class PostReplyPathTests
{
    private static readonly byte[] Key = Hex.Parse("0xd8115cac38745ed24b379ddc191473caaa893413e469db6a64d5c0ad431899df");
    private const int RingSize = 1024;

    private LoopbackWebSocketPeer _peer = null!;
    private IDigestSigner _key = null!, _orders = null!;
    private RingBuffer<MarketEvent> _ring = null!;
    private MultiProducerSequencer _sequencer = null!;
    private OrderSender<RingEventSink> _sender = null!;
    private HlCodec _codec = null!;
    private RingEventSink _feed;
    private long _allocated;
    private int _replies;

    [SetUp]
    public void Start()
    {
        _peer = LoopbackWebSocketPeer.Connect();
        _key = Signers.Create(Key);
        _orders = NativeSigner.IsAvailable ? new OnlineSigner(_key, new NoncePool(Key, capacity: 4096, background: true)) : _key;
        _ring = new RingBuffer<MarketEvent>(RingSize);
        _sequencer = new MultiProducerSequencer(_ring.Stamps, new BlockingWaitStrategy());
        _sender = new OrderSender<RingEventSink>(new L1ActionSigner(_orders, true), [AssetMeta.BtcPerp], null, new NonceSource(), new SocketFrameSink(_peer.Client, new Lock()),
            new RingEventSink(_ring, _sequencer), TimeProvider.System);
        _codec = new HlCodec(new CoinTable("BTC")) { OnPostResponse = PostResponseRouter.Create(_sender, null) };
        _feed = new RingEventSink(_ring, _sequencer);
        _allocated = 0;
        _replies = 0;
    }

    [TearDown]
    public void Stop()
    {
        _orders.Dispose();
        _key.Dispose();
        _peer.Dispose();
    }

    private static OrderIntent Place(ulong n, string px = "61000") => new()
    {
        Kind = IntentKind.Place, Side = Side.Buy, Tif = Tif.Alo, Coin = 0, Px = Px.Parse(px), Sz = Sz.Parse("0.001"), Cloid = Cloid.FromPrefix(0xFEED, n),
    };

    private static OrderIntent CancelOne(ulong n) => new() { Kind = IntentKind.CancelByCloid, Coin = 0, Cloid = Cloid.FromPrefix(0xFEED, n) };

    /// <summary>Submits the intent and returns the id of the post that reached the far end.</summary>
    private async Task<long> Send(OrderIntent intent)
    {
        _sender.Submit(intent);
        using var post = JsonDocument.Parse(await _peer.ReceiveAsync());
        return post.RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>Parses the answer (the only part measured) and returns the updates it put on the ring.</summary>
    private List<(Cloid Cloid, OrderStatus Status, long Oid, long Px, long Sz)> Answer(long id, string response)
    {
        var message = PostAnswers.Message(id, response);
        var first = _sequencer.Cursor.Value + 1;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var kind = _codec.Parse(message, ref _feed, 0);
        _allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        _replies++;
        Assert.That(kind, Is.EqualTo(HlMessageKind.Post), _codec.LastError);
        var updates = new List<(Cloid, OrderStatus, long, long, long)>();
        for (var s = first; s <= _sequencer.Cursor.Value; s++) updates.Add((_ring[s].Cloid, _ring[s].Status, _ring[s].Oid, _ring[s].Px.Raw, _ring[s].Sz.Raw));
        return updates;
    }

    private static Cloid C(ulong n) => Cloid.FromPrefix(0xFEED, n);

    /// <summary>One order or cancel for every shape of answer, each checked; the sender is told what the engine would tell it (terminal orders done).</summary>
    private async Task Round(ulong n)
    {
        var b = n * 100;
        var px = Px.Parse("61000").Raw;
        var sz = Sz.Parse("0.001").Raw;
        Assert.That(Answer(await Send(Place(b + 1)), PostAnswers.Statuses("order", "{\"resting\":{\"oid\":" + (b + 1) + "}}")),
            Is.EqualTo(new[] { (C(b + 1), OrderStatus.Open, (long)b + 1, px, sz) }));
        Assert.That(Answer(await Send(Place(b + 2)), PostAnswers.Statuses("order", "{\"filled\":{\"totalSz\":\"0.001\",\"avgPx\":\"60999.5\",\"oid\":" + (b + 2) + "}}")),
            Is.EqualTo(new[] { (C(b + 2), OrderStatus.Filled, (long)b + 2, Px.Parse("60999.5").Raw, sz) }));
        _sender.Done(C(b + 2));
        Assert.That(Answer(await Send(Place(b + 3)), PostAnswers.Statuses("order", """{"error":"Order must have minimum value of $10."}""")),
            Is.EqualTo(new[] { (C(b + 3), OrderStatus.MinTradeNtlRejected, 0L, px, sz) }));
        _sender.Done(C(b + 3));
        Assert.That(Answer(await Send(Place(b + 4)), PostAnswers.Statuses("order", "\"waitingForFill\"")),
            Is.EqualTo(new[] { (C(b + 4), OrderStatus.Open, 0L, px, sz) }));
        _sender.Done(C(b + 4));
        Assert.That(Answer(await Send(Place(b + 5)), PostAnswers.Action("""{"status":"err","response":"Insufficient margin to place order."}""")),
            Is.EqualTo(new[] { (C(b + 5), OrderStatus.PerpMarginRejected, 0L, px, sz) }));
        _sender.Done(C(b + 5));
        Assert.That(Answer(await Send(Place(b + 6)), """{"type":"error","payload":"429 Too Many Requests"}"""),
            Is.EqualTo(new[] { (C(b + 6), OrderStatus.Rejected, 0L, px, sz) }));
        _sender.Done(C(b + 6));

        Assert.That(Answer(await Send(CancelOne(b + 1)), PostAnswers.Statuses("cancel", "\"success\"")).Select(u => (u.Cloid, u.Status)),
            Is.EqualTo(new[] { (C(b + 1), OrderStatus.Canceled) }));
        Assert.That(Answer(await Send(CancelOne(b + 2)), PostAnswers.Statuses("cancel", """{"error":"Order was never placed, already canceled, or filled."}""")).Select(u => (u.Cloid, u.Status)),
            Is.EqualTo(new[] { (C(b + 2), OrderStatus.CancelRejected) }), "a cancel that lost to the fill is no refused order");

        Answer(await Send(Place(b + 7)), PostAnswers.Statuses("order", """{"resting":{"oid":7}}"""));
        Answer(await Send(Place(b + 8)), PostAnswers.Statuses("order", """{"resting":{"oid":8}}"""));
        Assert.That(Answer(await Send(new OrderIntent { Kind = IntentKind.CancelAll, Coin = 0 }),
                PostAnswers.Statuses("cancel", "\"success\"", """{"error":"Order was never placed, already canceled, or filled."}""")).Select(u => (u.Cloid, u.Status)),
            Is.EqualTo(new[] { (C(b + 7), OrderStatus.Canceled), (C(b + 8), OrderStatus.CancelRejected) }));

        Answer(await Send(Place(b + 9)), PostAnswers.Statuses("order", """{"resting":{"oid":9}}"""));
        Answer(await Send(Place(b + 10)), PostAnswers.Statuses("order", """{"resting":{"oid":10}}"""));
        Assert.That(Answer(await Send(new OrderIntent { Kind = IntentKind.CancelAll, Coin = 0 }), PostAnswers.Statuses("cancel", """{"error":"Order was never placed, already canceled, or filled."}"""))
                .Select(u => (u.Cloid, u.Status)),
            Is.EqualTo(new[] { (C(b + 9), OrderStatus.CancelRejected), (C(b + 10), OrderStatus.CancelRejected) }), "one status for a batch stands for every cancel of it");
    }

    [Test]
    public async Task Every_answer_shape_becomes_its_order_update_and_allocates_nothing_once_warm()
    {
        await Round(0);
        var warmUp = _replies;
        _allocated = 0;
        _replies = 0;

        for (ulong n = 1; n <= 60; n++) await Round(n);

        TestContext.Out.WriteLine($"{_replies} answers after {warmUp} warm-up ones: {_allocated} bytes allocated parsing and routing them");
        Assert.That(_replies, Is.EqualTo(60 * warmUp));
        Assert.That(_allocated, Is.Zero);
        Assert.That(_codec.Counters.Fallbacks, Is.Zero, "every answer stayed on the fast scanner");
    }

    [Test]
    public async Task An_answer_of_an_unknown_shape_refuses_the_order_instead_of_losing_it()
    {
        var id = await Send(Place(1));
        var updates = Answer(id, PostAnswers.Statuses("order", """{"parked":{"oid":5}}"""));
        Assert.That(updates.Select(u => (u.Cloid, u.Status)), Is.EqualTo(new[] { (C(1), OrderStatus.Rejected) }));
        Assert.That(_codec.Counters.Fallbacks, Is.EqualTo(1));
    }

    [Test]
    public async Task Mutated_answers_to_real_posts_never_throw_and_answer_each_order_at_most_once()
    {
        var shapes = PostAnswers.SpecResponses();
        var random = new Random(20261201);
        var answered = 0;
        for (ulong n = 1; n <= 400; n++)
        {
            var id = await Send(Place(n));
            _sender.Done(C(n));
            var mutated = PostAnswers.Mutate(random.Next(), PostAnswers.Message(id, shapes[random.Next(shapes.Count)]));
            var before = _sequencer.Cursor.Value;
            var kind = _codec.Parse(mutated, ref _feed, 0);
            var published = _sequencer.Cursor.Value - before;
            Assert.That(published, Is.LessThanOrEqualTo(1), Encoding.UTF8.GetString(mutated));
            if (published == 1)
            {
                answered++;
                Assert.That((kind, _ring[_sequencer.Cursor.Value].Cloid), Is.EqualTo((HlMessageKind.Post, C(n))), Encoding.UTF8.GetString(mutated));
            }
        }
        Assert.That(_codec.Counters.ParserFaults, Is.Zero);
        Assert.That(answered, Is.InRange(50, 399), "most mutations still answer the order, some are refused whole or carry another id");
    }
}
