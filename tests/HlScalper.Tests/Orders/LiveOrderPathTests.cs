using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Ring;
using HlScalper.Gateway.Codec;
using HlScalper.Gateway.Exchange;
using HlScalper.Gateway.Exchange.Actions;
using HlScalper.Gateway.Orders;
using HlScalper.Gateway.Signing;
using HlScalper.Gateway.WebSocket;
using HlScalper.Tests.Exchange;

namespace HlScalper.Tests.Orders;

/// <summary>The whole live order path over the gateway's own WebSocket client against a Kestrel WebSocket endpoint: pre-signed frame out, post response through the codec, order update on the ring; the exchange client's posts on the same socket.</summary>
public class LiveOrderPathTests
{
    private static readonly byte[] Key = Hex.Parse("0xd8115cac38745ed24b379ddc191473caaa893413e469db6a64d5c0ad431899df");
    private static readonly EthAddress KeyAddress = EthAddress.Parse("0x8f09e17eF40239d74759BEc5ed9cfe12C2529cC5");

    /// <summary>Feeds every message of the connection through the codec into the ring.</summary>
    private sealed class CodecHandler(HlCodec codec, RingEventSink sink) : IWebSocketMessageHandler
    {
        private RingEventSink _sink = sink;

        public void OnMessage(WebSocketOpcode opcode, ReadOnlySpan<byte> payload, long receiveTimestamp) => codec.Parse(payload, ref _sink, receiveTimestamp);
    }

    [Test]
    public async Task A_pre_signed_order_and_a_client_post_share_the_socket_and_their_answers_come_back_as_events()
    {
        await using var exchange = await ExchangeTestServer.StartAsync();
        await using var connection = await WebSocketConnection.ConnectAsync(new WebSocketClientOptions(exchange.WebSocketUri));
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
        var client = new ExchangeClient(http, exchange.ExchangeUri, new L1ActionSigner(k3, true), nonces, socket: channel);
        var codec = new HlCodec(new CoinTable("BTC")) { OnPostResponse = PostResponseRouter.Create(sender, client) };
        using var stop = new CancellationTokenSource();
        var receive = connection.RunAsync(new CodecHandler(codec, new RingEventSink(ring, sequencer)), stop.Token);
        sender.Start();
        var entry = new OrderIntent { Kind = IntentKind.Place, Side = Side.Buy, Tif = Tif.Alo, Px = Px.Parse("61264"), Sz = Sz.Parse("0.001"), Cloid = Cloid.FromPrefix(0xFEED, 1) };
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
        Assert.That(exchange.Received.Select(r => r.Signer), Is.All.EqualTo(KeyAddress));
        Assert.That(exchange.Received.Select(r => r.Action.Type), Is.EquivalentTo(new[] { "order", "updateLeverage" }));
        Assert.That(exchange.NonceViolations, Is.Zero, "sender and client share one nonce source");
        Assert.That((ring[0].Kind, ring[0].Status, ring[0].Cloid), Is.EqualTo((EventKind.OrderUpdate, OrderStatus.Open, entry.Cloid)));
        Assert.That(ring[0].Oid, Is.GreaterThan(1000));
    }
}
