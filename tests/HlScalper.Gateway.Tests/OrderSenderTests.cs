using System.Text;
using System.Text.Json;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Ring;
using HlScalper.Gateway.Orders;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Codec;
using HlScalper.Protocol.Signing;

namespace HlScalper.Gateway.Tests;

/// <summary>The order sender over a real loopback WebSocket: every order signed at submit time from the nonce pool (RFC 6979 when it is empty, counted), every frame recovers to our key, the send path allocates nothing.</summary>
public class OrderSenderTests
{
    private static readonly byte[] Key = Hex.Parse("0xd8115cac38745ed24b379ddc191473caaa893413e469db6a64d5c0ad431899df");
    private static readonly EthAddress KeyAddress = EthAddress.Parse("0x8f09e17eF40239d74759BEc5ed9cfe12C2529cC5");
    private static readonly AssetMeta[] Assets = [AssetMeta.BtcPerp];

    private LoopbackWebSocketPeer _peer = null!;
    private ExchangeTestServer _exchange = null!;
    private IDigestSigner _key = null!, _orders = null!;
    private RingBuffer<MarketEvent> _ring = null!;
    private OrderSender<RingEventSink> _sender = null!;

    [SetUp]
    public async Task Start()
    {
        _peer = LoopbackWebSocketPeer.Connect();
        _exchange = await ExchangeTestServer.StartAsync();
        _key = Signers.Create(Key);
        _orders = NativeSigner.IsAvailable ? new OnlineSigner(_key, new NoncePool(Key, capacity: 64, background: false)) : _key;
        (_orders as OnlineSigner)?.Pool.Fill();
        _ring = new RingBuffer<MarketEvent>(64);
        var sink = new RingEventSink(_ring, new MultiProducerSequencer(_ring.Stamps, new BlockingWaitStrategy()));
        _sender = new OrderSender<RingEventSink>(new L1ActionSigner(_orders, true), Assets, null, new NonceSource(), new SocketFrameSink(_peer.Client, new Lock()), sink,
            TimeProvider.System);
    }

    [TearDown]
    public async Task Stop()
    {
        _orders.Dispose();
        _key.Dispose();
        _peer.Dispose();
        await _exchange.DisposeAsync();
    }

    private static OrderIntent Entry(Side side, string px, ulong cloid) => new()
    {
        Kind = IntentKind.Place, Side = side, Tif = Tif.Alo, Coin = 0, Px = Px.Parse(px), Sz = Sz.Parse("0.001"), Cloid = Cloid.FromPrefix(0xFEED, cloid),
    };

    /// <summary>Reads the next post from the socket, checks its envelope and hands its body to the exchange test server (which recovers the signer).</summary>
    private async Task<(long Id, ReceivedAction Action)> ReceivePost()
    {
        using var post = JsonDocument.Parse(await _peer.ReceiveAsync());
        var root = post.RootElement;
        Assert.That(root.GetProperty("method").GetString(), Is.EqualTo("post"));
        var request = root.GetProperty("request");
        Assert.That(request.GetProperty("type").GetString(), Is.EqualTo("action"));
        var (status, _) = _exchange.Handle(Encoding.UTF8.GetBytes(request.GetProperty("payload").GetRawText()));
        Assert.That(status, Is.EqualTo(200));
        return (root.GetProperty("id").GetInt64(), _exchange.Received.Last());
    }

    [Test]
    public async Task Submitted_orders_are_signed_from_the_pool_and_recover_to_our_key()
    {
        var bid = Entry(Side.Buy, "61264", 1);
        _sender.Submit(bid);
        var (id, first) = await ReceivePost();
        _sender.Submit(Entry(Side.Sell, "61300", 2));
        var (_, second) = await ReceivePost();

        Assert.That(_sender.Sent, Is.EqualTo(2));
        Assert.That(_sender.FullSignatures, Is.EqualTo(NativeSigner.IsAvailable ? 0 : 2), "with libsecp256k1 the pool signs every order");
        Assert.That(OrderSender<RingEventSink>.OwnsPostId(id), Is.True);
        Assert.That(new[] { first.Signer, second.Signer }, Is.All.EqualTo(KeyAddress));
        var placed = (OrderAction)first.Action;
        Assert.That((placed.Orders[0].IsBuy, placed.Orders[0].Price.ToString(), placed.Orders[0].Cloid), Is.EqualTo((true, "61264", bid.Cloid)));
        Assert.That(((OrderAction)second.Action).Orders[0].Price.ToString(), Is.EqualTo("61300"));
        Assert.That(_exchange.NonceViolations, Is.Zero);
    }

    [Test]
    public async Task An_order_after_the_pool_ran_dry_is_signed_in_full_counted_and_accepted()
    {
        if (!NativeSigner.IsAvailable) Assert.Ignore("libsecp256k1 is not installed here: no pool");
        using var tiny = new OnlineSigner(_key, new NoncePool(Key, capacity: 1, background: false));
        tiny.Pool.Fill();
        var sender = new OrderSender<RingEventSink>(new L1ActionSigner(tiny, true), Assets, null, new NonceSource(), new SocketFrameSink(_peer.Client, new Lock()),
            new RingEventSink(_ring, new MultiProducerSequencer(_ring.Stamps, new BlockingWaitStrategy())), TimeProvider.System);

        sender.Submit(Entry(Side.Buy, "61264", 1));
        var (_, pooled) = await ReceivePost();
        sender.Submit(Entry(Side.Buy, "61265", 2));
        var (_, full) = await ReceivePost();

        Assert.That((sender.Sent, sender.FullSignatures, tiny.PoolSignatures), Is.EqualTo((2L, 1L, 1L)));
        Assert.That(new[] { pooled.Signer, full.Signer }, Is.All.EqualTo(KeyAddress));
    }

    [Test]
    public async Task Cancel_by_cloid_and_cancel_all_reach_the_exchange_as_signed_cancels()
    {
        _sender.Submit(Entry(Side.Buy, "61000", 1));
        _sender.Submit(Entry(Side.Sell, "62000", 2));
        _sender.Submit(Entry(Side.Sell, "62500", 3) with { ReduceOnly = true, Tif = Tif.Ioc });
        _sender.Submit(Entry(Side.Sell, "62400", 4) with { ReduceOnly = true });
        for (var i = 0; i < 4; i++) await ReceivePost();
        var cancel = new OrderIntent { Kind = IntentKind.CancelByCloid, Coin = 0, Cloid = Cloid.FromPrefix(0xFEED, 1) };

        _sender.Submit(cancel);
        var (_, one) = await ReceivePost();
        _sender.Submit(new OrderIntent { Kind = IntentKind.CancelAll, Coin = 0 });
        var (_, all) = await ReceivePost();

        Assert.That(((CancelByCloidAction)one.Action).Cancels[0].Cloid, Is.EqualTo(cancel.Cloid));
        var batch = (CancelByCloidAction)all.Action;
        Assert.That(batch.Cancels.Take(batch.Count).Select(c => c.Cloid), Is.EqualTo(new[] { Cloid.FromPrefix(0xFEED, 2), Cloid.FromPrefix(0xFEED, 4) }),
            "order 1 was already cancelled, order 3 is an IOC exit that never rests; the resting reduce-only take-profit goes too");
        Assert.That(_sender.Sent, Is.EqualTo(6));
    }

    [Test]
    public async Task Cancel_all_leaves_out_orders_reported_done_and_includes_adopted_ones()
    {
        _sender.Submit(Entry(Side.Buy, "61000", 1));
        _sender.Submit(Entry(Side.Sell, "62000", 2));
        for (var i = 0; i < 2; i++) await ReceivePost();

        _sender.Done(Cloid.FromPrefix(0xFEED, 1));
        _sender.Track(0, Cloid.FromPrefix(0xFEED, 9), Side.Sell);
        _sender.Submit(new OrderIntent { Kind = IntentKind.CancelAll, Coin = 0 });
        var (_, all) = await ReceivePost();

        var batch = (CancelByCloidAction)all.Action;
        Assert.That(batch.Cancels.Take(batch.Count).Select(c => c.Cloid), Is.EqualTo(new[] { Cloid.FromPrefix(0xFEED, 2), Cloid.FromPrefix(0xFEED, 9) }),
            "order 1 filled (cancelling it would only earn a reject); order 9 was adopted and works");
    }

    [Test]
    public async Task A_full_working_order_table_refuses_the_new_order_locally_and_cancel_all_still_reaches_every_order_sent()
    {
        var ring = new RingBuffer<MarketEvent>(64);
        var sequencer = new MultiProducerSequencer(ring.Stamps, new BlockingWaitStrategy());
        var sender = new OrderSender<RingEventSink>(new L1ActionSigner(_orders, true), Assets, null, new NonceSource(), new SocketFrameSink(_peer.Client, new Lock()),
            new RingEventSink(ring, sequencer), TimeProvider.System, maxWorkingOrders: 2);
        sender.Submit(Entry(Side.Buy, "61000", 1));
        sender.Submit(Entry(Side.Buy, "61001", 2));
        for (var i = 0; i < 2; i++) await ReceivePost();

        sender.Submit(Entry(Side.Buy, "61002", 3));
        await Eventually.Until(() => sequencer.Cursor.Value >= 0, "the local answer to the refused order");
        sender.Submit(new OrderIntent { Kind = IntentKind.CancelAll, Coin = 0 });
        var (_, all) = await ReceivePost();

        Assert.That((ring[0].Cloid, ring[0].Status), Is.EqualTo((Cloid.FromPrefix(0xFEED, 3), OrderStatus.TooManyOpenOrdersRejected)));
        Assert.That((sender.WorkingFull, sender.Sent), Is.EqualTo((1L, 3L)), "two orders and the cancel went out; the third order did not");
        var batch = (CancelByCloidAction)all.Action;
        Assert.That(batch.Cancels.Take(batch.Count).Select(c => c.Cloid), Is.EqualTo(new[] { Cloid.FromPrefix(0xFEED, 1), Cloid.FromPrefix(0xFEED, 2) }),
            "nothing that was sent was forgotten (the old table dropped order 1 to make room)");
        Assert.That(_exchange.Received.Where(r => r.Action is OrderAction).Select(r => ((OrderAction)r.Action).Orders[0].Cloid),
            Is.EqualTo(new[] { Cloid.FromPrefix(0xFEED, 1), Cloid.FromPrefix(0xFEED, 2) }));
    }

    [Test]
    public async Task A_post_response_becomes_an_order_update_for_the_submitted_order()
    {
        var bid = Entry(Side.Buy, "61264", 9);
        _sender.Submit(bid);
        var (id, _) = await ReceivePost();

        var answered = new List<bool>();
        var codec = new HlCodec(new CoinTable("BTC")) { OnPostResponse = (long postId, in PostReply reply) => answered.Add(_sender.OnPostResponse(postId, in reply)) };
        var sink = new CollectingSink(new EventLog());
        codec.Parse(PostAnswers.Message(id, PostAnswers.Statuses("order", """{"resting":{"oid":88383}}""")), ref sink, 0);
        codec.Parse(PostAnswers.Message(id, PostAnswers.Action("""{"status":"ok","response":{"type":"default"}}""")), ref sink, 0);

        Assert.That(answered, Is.EqualTo(new[] { true, false }), "the second answer for the same id finds nothing pending");
        Assert.That((_ring[0].Kind, _ring[0].Status, _ring[0].Oid, _ring[0].Cloid, _ring[0].Px), Is.EqualTo((EventKind.OrderUpdate, OrderStatus.Open, 88383L, bid.Cloid, bid.Px)));
    }

    [Test]
    public async Task Signing_and_sending_an_order_allocates_nothing()
    {
        if (!NativeSigner.IsAvailable) Assert.Ignore("libsecp256k1 is not installed here: the managed signer allocates");
        _sender.Submit(Entry(Side.Buy, "61000", 100));
        await ReceivePost();

        long allocated = 0;
        for (ulong i = 0; i < 20; i++)
        {
            var intent = Entry(Side.Buy, "61000", 200 + i);
            var before = GC.GetAllocatedBytesForCurrentThread();
            _sender.Submit(intent);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            await ReceivePost();
        }

        Assert.That(allocated, Is.Zero);
        Assert.That((_sender.Sent, _sender.FullSignatures), Is.EqualTo((21L, 0L)));
    }
}
