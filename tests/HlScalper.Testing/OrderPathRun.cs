using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Ring;
using HlScalper.Gateway.Exchange;
using HlScalper.Gateway.Orders;
using HlScalper.Gateway.WebSockets;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Codec;
using HlScalper.Protocol.Signing;

namespace HlScalper.Testing;

/// <summary>
/// The live order path on one socket, as the live engine wires it: an entry frame from the order sender (signed from the
/// nonce pool when libsecp256k1 is installed) and an <c>updateLeverage</c> post from the exchange client, their answers parsed
/// by the codec into the ring.
/// </summary>
/// <param name="FullSignatures">Orders the sender signed with a full ECDSA signature (0 when the pool signed).</param>
public sealed record OrderPathRun(OrderIntent Entry, ExchangeResponse Leverage, long FullSignatures, MarketEvent FirstEvent)
{
    /// <summary>Sends an Alo buy at <paramref name="px"/> and an updateLeverage over <paramref name="connection"/>, then waits for the first order update.</summary>
    public static async Task<OrderPathRun> Run(WebSocketConnection connection, Uri exchangeUri, byte[] key, string px)
    {
        using var k1 = Signers.Create(key);
        using var k3 = Signers.Create(key);
        using var orders = Signers.ForOrders(k1, noncePool: true);
        if (orders is OnlineSigner online) online.Pool.Fill();
        using var http = new HttpClient();
        var ring = new RingBuffer<MarketEvent>(64);
        var sequencer = new MultiProducerSequencer(ring.Stamps, new BlockingWaitStrategy());
        var channel = new WebSocketOrderChannel();
        channel.Attach(connection);
        var nonces = new NonceSource();
        var sender = new OrderSender<RingEventSink>(new L1ActionSigner(orders, true), [AssetMeta.BtcPerp], null, nonces, channel, new RingEventSink(ring, sequencer), TimeProvider.System);
        var client = new ExchangeClient(http, exchangeUri, new L1ActionSigner(k3, true), nonces, socket: channel);
        var codec = new HlCodec(new CoinTable("BTC")) { OnPostResponse = PostResponseRouter.Create(sender, client) };
        using var stop = new CancellationTokenSource();
        var receive = connection.RunAsync(new RingCodecHandler(codec, new RingEventSink(ring, sequencer)), stop.Token);
        var entry = new OrderIntent { Kind = IntentKind.Place, Side = Side.Buy, Tif = Tif.Alo, Px = Px.Parse(px), Sz = Sz.Parse("0.001"), Cloid = Cloid.FromPrefix(0xFEED, 1) };

        sender.Submit(entry);
        var leverage = await client.SendAsync(new UpdateLeverageAction(0, true, 5));
        Assert.That(SpinWait.SpinUntil(() => sequencer.Cursor.Value >= 0, TimeSpan.FromSeconds(30)), Is.True, "no order update arrived");
        await stop.CancelAsync();
        connection.Abort();
        Assert.That(await Task.WhenAny(receive, Task.Delay(TimeSpan.FromSeconds(10))), Is.SameAs(receive), "the receive loop ended once the connection was aborted");
        return new OrderPathRun(entry, leverage, sender.FullSignatures, ring[0]);
    }

    /// <summary>Feeds every message of the connection through the codec into the ring.</summary>
    private sealed class RingCodecHandler(HlCodec codec, RingEventSink sink) : IWebSocketMessageHandler
    {
        private RingEventSink _sink = sink;

        public void OnMessage(WebSocketOpcode opcode, ReadOnlySpan<byte> payload, long receiveTimestamp) => codec.Parse(payload, ref _sink, receiveTimestamp);
    }
}
