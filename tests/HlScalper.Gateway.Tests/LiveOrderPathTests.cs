using HlScalper.Engine.Events;
using HlScalper.Gateway.Exchange;
using HlScalper.Gateway.WebSockets;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Signing;

namespace HlScalper.Gateway.Tests;

/// <summary>The whole live order path over the gateway's own WebSocket client against a Kestrel WebSocket endpoint: order frame signed from the nonce pool out, post response through the codec, order update on the ring; the exchange client's posts on the same socket.</summary>
public class LiveOrderPathTests
{
    private static readonly byte[] Key = Hex.Parse("0xd8115cac38745ed24b379ddc191473caaa893413e469db6a64d5c0ad431899df");
    private static readonly EthAddress KeyAddress = EthAddress.Parse("0x8f09e17eF40239d74759BEc5ed9cfe12C2529cC5");

    [Test]
    public async Task An_order_from_the_sender_and_a_client_post_share_the_socket_and_their_answers_come_back_as_events()
    {
        await using var exchange = await ExchangeTestServer.StartAsync();
        await using var connection = await WebSocketConnection.ConnectAsync(new WebSocketClientOptions(exchange.WebSocketUri));
        var run = await OrderPathRun.Run(connection, exchange.ExchangeUri, Key, "61264");

        Assert.That(run.Leverage.Type, Is.EqualTo(ExchangeResponseType.Default));
        Assert.That(run.FullSignatures, Is.EqualTo(NativeSigner.IsAvailable ? 0 : 1), "signed from the nonce pool when libsecp256k1 is installed");
        Assert.That(exchange.Received.Select(r => r.Signer), Is.All.EqualTo(KeyAddress));
        Assert.That(exchange.Received.Select(r => r.Action.Type), Is.EquivalentTo(new[] { "order", "updateLeverage" }));
        Assert.That(exchange.NonceViolations, Is.Zero, "sender and client share one nonce source");
        Assert.That((run.FirstEvent.Kind, run.FirstEvent.Status, run.FirstEvent.Cloid), Is.EqualTo((EventKind.OrderUpdate, OrderStatus.Open, run.Entry.Cloid)));
        Assert.That(run.FirstEvent.Oid, Is.GreaterThan(1000));
    }
}
