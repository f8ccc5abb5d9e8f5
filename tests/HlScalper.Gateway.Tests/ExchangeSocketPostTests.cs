using System.Text;
using System.Text.Json;
using HlScalper.Gateway.Exchange;
using HlScalper.Gateway.WebSockets;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Signing;

namespace HlScalper.Gateway.Tests;

/// <summary>The exchange client's WebSocket <c>post</c> path: requests framed onto a loopback socket, read by a real server-side WebSocket, answered by id.</summary>
public class ExchangeSocketPostTests
{
    private static readonly byte[] Key = Hex.Parse("0x0123456789012345678901234567890123456789012345678901234567890123");
    private static readonly EthAddress KeyAddress = EthAddress.Parse("0x14791697260E4c9A71f18484C9f997B308e59325");

    /// <summary>Sends text messages as masked client frames on the peer's client socket.</summary>
    private sealed class FramingTransport(LoopbackWebSocketPeer peer) : IPostTransport
    {
        public bool IsConnected => true;

        public ValueTask SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancel)
        {
            var frame = new byte[WebSocketFrameWriter.FrameLength(utf8.Length)];
            var length = WebSocketFrameWriter.Write(frame, WebSocketOpcode.Text, utf8.Span, 0x5A17C0DE);
            peer.Client.Send(frame.AsSpan(0, length));
            return ValueTask.CompletedTask;
        }
    }

    [Test]
    public async Task Posts_are_answered_by_id_and_errors_and_silence_are_typed()
    {
        using var peer = LoopbackWebSocketPeer.Connect();
        await using var exchange = await ExchangeTestServer.StartAsync(isMainnet: false);
        using var signer = Signers.Create(Key);
        using var http = new HttpClient();
        var client = new ExchangeClient(http, exchange.ExchangeUri, new L1ActionSigner(signer, isMainnet: false), new NonceSource(), socket: new FramingTransport(peer))
        {
            Timeout = TimeSpan.FromSeconds(1),
        };
        var ids = new List<long>();
        // The server side: answer the first post with the exchange's response, the second with a post-level error, ignore the third.
        var server = Task.Run(async () =>
        {
            for (var n = 0; n < 3; n++)
            {
                using var post = JsonDocument.Parse(await peer.ReceiveAsync());
                var id = post.RootElement.GetProperty("id").GetInt64();
                ids.Add(id);
                var (_, body) = exchange.Handle(Encoding.UTF8.GetBytes(post.RootElement.GetProperty("request").GetProperty("payload").GetRawText()));
                if (n == 0) client.OnPostResponse(id, Encoding.UTF8.GetBytes($$"""{"type":"action","payload":{{body}}}"""));
                if (n == 1) client.OnPostResponse(id, """{"type":"error","payload":"429 Too Many Requests"}"""u8);
            }
        });

        var ok = await client.SendAsync(new CancelAction([new CancelWire(3, 123456789012)], fast: true));
        var error = Assert.ThrowsAsync<ExchangeTransportException>(() => client.SendAsync(new NoopAction()));
        Assert.ThrowsAsync<ExchangeTimeoutException>(() => client.SendAsync(new NoopAction()));
        await server;

        Assert.That(ok.Statuses.Single().Kind, Is.EqualTo(ActionStatusKind.Success));
        Assert.That(error!.Message, Does.Contain("429"));
        Assert.That(ids, Is.Unique.And.Count.EqualTo(3));
        Assert.That(exchange.Received.Select(r => r.Signer), Is.All.EqualTo(KeyAddress), "signed for testnet, recovered as testnet");
        Assert.That(((CancelAction)exchange.Received.First().Action).Fast, Is.True);
        Assert.That(client.PendingPosts, Is.Zero);
        Assert.That(client.OnPostResponse(ids[2], """{"type":"action","payload":{"status":"ok","response":{"type":"default"}}}"""u8), Is.False, "a late answer after the timeout is dropped");
    }
}
