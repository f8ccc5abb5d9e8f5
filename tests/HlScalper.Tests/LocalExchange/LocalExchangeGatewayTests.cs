using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Ring;
using HlScalper.Gateway.Codec;
using HlScalper.Gateway.Exchange;
using HlScalper.Gateway.Exchange.Actions;
using HlScalper.Gateway.Info;
using HlScalper.Gateway.Orders;
using HlScalper.Gateway.Signing;
using HlScalper.Gateway.WebSocket;
using HlScalper.LocalExchange;
using HlScalper.Tests.Gateway.Support;

namespace HlScalper.Tests.LocalExchange;

/// <summary>The project's own gateway against the local exchange: the pre-signed sender's frames, the exchange client's posts, the codec on the pushes, the info client on every /info shape.</summary>
public class LocalExchangeGatewayTests
{
    private static readonly byte[] Key = Hex.Parse(SignedClient.KeyA);

    /// <summary>Feeds every message of the connection through the codec into the ring.</summary>
    private sealed class CodecHandler(HlCodec codec, RingEventSink sink) : IWebSocketMessageHandler
    {
        private RingEventSink _sink = sink;

        public void OnMessage(WebSocketOpcode opcode, ReadOnlySpan<byte> payload, long receiveTimestamp) => codec.Parse(payload, ref _sink, receiveTimestamp);
    }

    [Test]
    public async Task A_pre_signed_order_frame_from_the_sender_is_accepted_and_rests_and_the_clients_post_is_answered()
    {
        var address = Secp256k1Curve.AddressOf(Key);
        await using var sim = await SimHarness.StartAsync(new LocalExchangeOptions { Accounts = new Dictionary<EthAddress, decimal> { [address] = 1_000m } });
        await Eventually.Until(() => sim.Server.Venue.Counters.MarketEvents > 0, "the market started");
        await using var connection = await WebSocketConnection.ConnectAsync(new WebSocketClientOptions(sim.Server.WebSocketUri));
        using var k1 = Signers.Create(Key);
        using var k2 = Signers.Create(Key);
        using var k3 = Signers.Create(Key);
        using var http = new HttpClient();
        var ring = new RingBuffer<MarketEvent>(64);
        var sequencer = new MultiProducerSequencer(64, new BlockingWaitStrategy());
        var channel = new WebSocketOrderChannel();
        channel.Attach(connection);
        var nonces = new NonceSource();
        using var sender = new PreSignedSender<RingEventSink>(new L1ActionSigner(k1, true), new L1ActionSigner(k2, true), [AssetMeta.BtcPerp], null,
            nonces, channel, new RingEventSink(ring, sequencer), TimeProvider.System);
        var client = new ExchangeClient(http, new Uri(sim.Server.HttpUri, "/exchange"), new L1ActionSigner(k3, true), nonces, socket: channel);
        var codec = new HlCodec(new CoinTable("BTC")) { OnPostResponse = PostResponseRouter.Create(sender, client) };
        using var stop = new CancellationTokenSource();
        var receive = connection.RunAsync(new CodecHandler(codec, new RingEventSink(ring, sequencer)), stop.Token);
        sender.Start();
        var entry = new OrderIntent { Kind = IntentKind.Place, Side = Side.Buy, Tif = Tif.Alo, Px = Px.Parse("90000"), Sz = Sz.Parse("0.001"), Cloid = Cloid.FromPrefix(0xFEED, 1) };
        sender.Expect(AnticipatedSlot.EntryBuy, entry);
        Assert.That(SpinWait.SpinUntil(() => sender.IsReady(AnticipatedSlot.EntryBuy), TimeSpan.FromSeconds(30)), Is.True);

        sender.Submit(entry);
        var leverage = await client.SendAsync(new UpdateLeverageAction(0, true, 5));
        Assert.That(SpinWait.SpinUntil(() => sequencer.Cursor.Value >= 0, TimeSpan.FromSeconds(30)), Is.True, "no order update arrived");
        await stop.CancelAsync();
        connection.Abort();
        await Task.WhenAny(receive, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.That(leverage.Type, Is.EqualTo(ExchangeResponseType.Default));
        Assert.That(sender.Hits, Is.EqualTo(1));
        Assert.That((ring[0].Kind, ring[0].Status, ring[0].Cloid), Is.EqualTo((EventKind.OrderUpdate, OrderStatus.Open, entry.Cloid)));
        var open = await new HlInfoClient(http, sim.Server.HttpUri).OpenOrdersAsync(address.ToString());
        Assert.That(open.Select(o => (o.Oid, o.Cloid)), Is.EqualTo(new[] { (ring[0].Oid, (string?)entry.Cloid.ToString()) }));
        Assert.That(sim.Server.Venue.Counters.Rejects, Is.Zero);
    }

    [Test]
    public async Task The_info_client_reads_every_shape_the_local_exchange_answers()
    {
        await using var sim = await SimHarness.StartAsync();
        await Eventually.Until(() => sim.Server.Venue.Counters.MarketEvents > 0, "the market started");
        using var http = new HttpClient();
        var info = new HlInfoClient(http, sim.Server.HttpUri);

        var meta = await info.MetaAsync();
        var (meta2, contexts) = await info.MetaAndAssetCtxsAsync();
        var mids = await info.AllMidsAsync();
        var book = await info.L2BookAsync("BTC");
        var unknownBook = await info.L2BookAsync("DOGE");
        var nobody = "0x0000000000000000000000000000000000000001";
        var state = await info.ClearinghouseStateAsync(nobody);

        Assert.That(meta.Universe.Select(a => (a.Name, a.SzDecimals, a.MaxLeverage)), Is.EqualTo(new[] { ("BTC", 5, 40) }));
        Assert.That(meta2.Universe, Has.Count.EqualTo(contexts.Count));
        Assert.That(decimal.Parse(contexts[0].MarkPx, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(90_000m));
        Assert.That(mids.Keys, Is.EqualTo(new[] { "BTC" }));
        Assert.That(book!.Levels, Has.Count.EqualTo(2));
        Assert.That(book.Levels[0], Is.Not.Empty);
        Assert.That(decimal.Parse(book.Levels[0][0].Px, System.Globalization.CultureInfo.InvariantCulture), Is.LessThan(decimal.Parse(book.Levels[1][0].Px, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(unknownBook, Is.Null);
        Assert.That((state.AssetPositions.Count, state.MarginSummary.AccountValue), Is.EqualTo((0, "0")), "unknown users answer empty state");
        Assert.That(await info.OpenOrdersAsync(nobody), Is.Empty);
        Assert.That(await info.UserFillsAsync(nobody), Is.Empty);
    }
}
