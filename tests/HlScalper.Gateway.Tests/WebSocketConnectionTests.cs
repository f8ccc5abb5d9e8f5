using System.Net.WebSockets;
using System.Text;
using HlScalper.Engine.Events;
using HlScalper.Gateway.WebSockets;
using HlScalper.Protocol.Codec;

namespace HlScalper.Gateway.Tests;

/// <summary>The client against a real Kestrel server: real recordings with random fragmentation, and every fault script.</summary>
[CancelAfter(60_000)]
public class WebSocketConnectionTests
{
    private static readonly CoinTable Coins = new("BTC", "ETH", "SOL");

    private static Task<WebSocketConnection> Connect(TestWebSocketServer server, int maxMessageSize = 1 << 20) =>
        WebSocketConnection.ConnectAsync(new WebSocketClientOptions(server.Uri) { MaxMessageSize = maxMessageSize });

    [TestCase(1)]
    [TestCase(2)]
    public async Task Real_recordings_over_the_wire_with_random_fragmentation_parse_with_zero_errors(int seed)
    {
        var messages = new List<byte[]> { Encoding.UTF8.GetBytes("Websocket connection established.") };
        messages.AddRange(Recordings.ArchiveMessages(Recordings.ArchiveBtc));
        messages.AddRange(Recordings.ArchiveMessages(Recordings.Derived("BTC")));
        messages.AddRange(Recordings.HftBacktestMessages());
        await using var server = await TestWebSocketServer.StartAsync(async (session, _) =>
        {
            var random = new Random(seed);
            foreach (var m in messages) await session.SendFragmentedAsync(m, random);
            await session.SendCloseAsync(WebSocketCloseStatus.NormalClosure, "done");
            await session.ReadClientFrameAsync();
        });
        await using var connection = await Connect(server);
        var handler = new CodecHandler(new HlCodec(Coins));
        var end = await connection.RunAsync(handler);

        var events = Enumerable.Range(0, handler.Events.Count).Select(i => handler.Events[i]).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(end.Reason, Is.EqualTo(WebSocketEndReason.ClosedByServer), end.ToString());
            Assert.That(end.Description, Is.EqualTo("done"));
            Assert.That(handler.Kinds, Has.Count.EqualTo(1 + 5_587 + 5_998 + 55));
            Assert.That(handler.Kinds[0], Is.EqualTo(HlMessageKind.Greeting));
            Assert.That(events.Count(e => e.Kind == EventKind.Book), Is.EqualTo(5_587 + 3_785 + 46));
            Assert.That(events.Count(e => e.Kind == EventKind.Trade), Is.EqualTo(6_675 + 64));
            Assert.That(handler.Codec.Counters.Malformed, Is.Zero);
            Assert.That(events.All(e => e.ReceiveTimestamp != 0), Is.True, "stamped at receive");
        });
    }

    [Test]
    public async Task Server_pings_are_answered_with_a_masked_pong_carrying_the_same_payload()
    {
        var pong = new TaskCompletionSource<(WebSocketOpcode, byte[])>();
        await using var server = await TestWebSocketServer.StartAsync(async (session, _) =>
        {
            await session.WriteAsync(RawWebSocketSession.Frame(WebSocketOpcode.Ping, "hb-42"u8));
            var frame = await session.ReadClientFrameAsync();
            pong.SetResult((frame.Opcode, frame.Payload));
            await session.SendTextAsync("""{"channel":"pong"}""");
            await session.SendCloseAsync(WebSocketCloseStatus.NormalClosure, "");
            await session.ReadClientFrameAsync();
        });
        await using var connection = await Connect(server);
        var handler = new CodecHandler(new HlCodec(Coins));
        var end = await connection.RunAsync(handler);
        var (opcode, payload) = await pong.Task;
        Assert.Multiple(() =>
        {
            Assert.That(opcode, Is.EqualTo(WebSocketOpcode.Pong));
            Assert.That(Encoding.ASCII.GetString(payload), Is.EqualTo("hb-42"));
            Assert.That(connection.PingsReceived, Is.EqualTo(1));
            Assert.That(handler.Kinds, Is.EqualTo(new[] { HlMessageKind.Pong }), "the ping between messages did not disturb them");
            Assert.That(end.Reason, Is.EqualTo(WebSocketEndReason.ClosedByServer));
        });
    }

    [Test]
    public async Task While_a_send_is_stuck_pings_are_coalesced_off_the_receive_loop_and_the_deadline_closes_the_connection()
    {
        const int MessagesAfterPings = 20;
        await using var server = await TestWebSocketServer.StartAsync(async (session, _) =>
        {
            // Read the first bytes of the client's huge frame, so its send is under way, then never read again.
            await session.Stream.ReadExactlyAsync(new byte[2]);
            for (var i = 0; i < 50; i++) await session.WriteAsync(RawWebSocketSession.Frame(WebSocketOpcode.Ping, Encoding.ASCII.GetBytes($"hb-{i}")));
            for (var i = 0; i < MessagesAfterPings; i++) await session.SendTextAsync("""{"channel":"pong"}""");
            // Unsolicited pongs (counted nowhere that matters) until the write fails: the client has gone.
            while (true)
            {
                await Task.Delay(100);
                await session.WriteAsync(RawWebSocketSession.Frame(WebSocketOpcode.Pong, []));
            }
        });
        // The send now blocks this thread until its deadline (it takes no lock and never goes async): the deadline leaves a loaded
        // two-core machine time to deliver the 70 frames behind the pings first.
        await using var connection = await WebSocketConnection.ConnectAsync(new WebSocketClientOptions(server.Uri) { SendTimeout = TimeSpan.FromSeconds(3) });
        var handler = new CodecHandler(new HlCodec(Coins));
        var run = connection.RunAsync(handler);
        var stuck = connection.SendTextAsync(new byte[64 << 20]).AsTask();

        await Eventually.Until(() => handler.Kinds.Count == MessagesAfterPings, "the messages after the pings, delivered while the send is stuck");
        var end = await run;
        var failure = Assert.ThrowsAsync<IOException>(() => stuck);
        Assert.Multiple(() =>
        {
            Assert.That(connection.PingsReceived, Is.EqualTo(50));
            Assert.That(connection.PongsSent, Is.Zero, "the pongs waited behind the stuck send and went down with it");
            Assert.That(end.Reason, Is.EqualTo(WebSocketEndReason.ConnectionLost));
            Assert.That(end.Description, Does.Contain("did not complete within 3 s: the server is not reading"));
            Assert.That(failure!.Message, Is.EqualTo(end.Description));
        });
    }

    [Test]
    public async Task A_close_frame_is_echoed_with_its_code_and_reported()
    {
        var echoed = new TaskCompletionSource<byte[]>();
        await using var server = await TestWebSocketServer.StartAsync(async (session, _) =>
        {
            await session.SendCloseAsync(WebSocketCloseStatus.EndpointUnavailable, "going away");
            var frame = await session.ReadClientFrameAsync();
            echoed.SetResult(frame.Opcode == WebSocketOpcode.Close ? frame.Payload : []);
        });
        await using var connection = await Connect(server);
        var end = await connection.RunAsync(new CodecHandler(new HlCodec(Coins)));
        Assert.That(end, Is.EqualTo(new WebSocketEnd(WebSocketEndReason.ClosedByServer, WebSocketCloseStatus.EndpointUnavailable, "going away")));
        Assert.That((await echoed.Task)[..2], Is.EqualTo(new byte[] { 0x03, 0xE9 }), "1001 echoed");
    }

    [Test]
    public async Task A_kick_in_the_middle_of_a_message_ends_the_loop_as_connection_lost()
    {
        var book = Recordings.ArchiveMessages(Recordings.ArchiveBtc)[0];
        await using var server = await TestWebSocketServer.StartAsync(async (session, _) =>
        {
            await session.WriteAsync(RawWebSocketSession.Frame(WebSocketOpcode.Text, book));
            var frame = RawWebSocketSession.Frame(WebSocketOpcode.Text, book);
            await session.WriteAsync(frame[..(frame.Length / 2)]);
            session.Kick();
        });
        await using var connection = await Connect(server);
        var handler = new CodecHandler(new HlCodec(Coins));
        var end = await connection.RunAsync(handler);
        Assert.That(end.Reason, Is.EqualTo(WebSocketEndReason.ConnectionLost), end.ToString());
        Assert.That(handler.Kinds, Is.EqualTo(new[] { HlMessageKind.L2Book }), "the complete message before the kick was delivered, the half one was not");
    }

    private static IEnumerable<TestCaseData> Violations()
    {
        yield return new TestCaseData(RawWebSocketSession.Frame(WebSocketOpcode.Text, "{}"u8, rsv: 0x40), "reserved bits").SetName("Reserved bits");
        yield return new TestCaseData(RawWebSocketSession.Frame(WebSocketOpcode.Text, "{}"u8, mask: true), "masked").SetName("Masked server frame");
        yield return new TestCaseData(RawWebSocketSession.Frame((WebSocketOpcode)0x3, "{}"u8), "unknown opcode 0x3").SetName("Unknown opcode");
        yield return new TestCaseData(new byte[] { 0xFF, 0xFE, 0x00, 0x13, 0x37, 0x42 }, "reserved bits").SetName("Garbage bytes");
        yield return new TestCaseData(RawWebSocketSession.Frame(WebSocketOpcode.Continuation, "x"u8), "continuation").SetName("Continuation without a message");
        yield return new TestCaseData(RawWebSocketSession.Frame(WebSocketOpcode.Ping, new byte[126]), "longer than 125").SetName("Oversized control frame");
        yield return new TestCaseData(RawWebSocketSession.Frame(WebSocketOpcode.Close, [0x03, 0xED]), "invalid close code 1005").SetName("Reserved close code");
    }

    [TestCaseSource(nameof(Violations))]
    public async Task Protocol_violations_close_with_1002_and_a_clear_error(byte[] bytes, string reason)
    {
        var closeFrame = new TaskCompletionSource<byte[]>();
        await using var server = await TestWebSocketServer.StartAsync(async (session, _) =>
        {
            await session.WriteAsync(bytes);
            var frame = await session.ReadClientFrameAsync();
            closeFrame.SetResult(frame.Opcode == WebSocketOpcode.Close ? frame.Payload : []);
        });
        await using var connection = await Connect(server);
        var end = await connection.RunAsync(new CodecHandler(new HlCodec(Coins)));
        Assert.That(end.Reason, Is.EqualTo(WebSocketEndReason.ProtocolError));
        Assert.That(end.Status, Is.EqualTo(WebSocketCloseStatus.ProtocolError));
        Assert.That(end.Description, Does.Contain(reason));
        Assert.That((await closeFrame.Task)[..2], Is.EqualTo(new byte[] { 0x03, 0xEA }), "1002 sent to the server");
    }

    [Test]
    public async Task Invalid_UTF8_in_a_text_message_closes_with_1007()
    {
        await using var server = await TestWebSocketServer.StartAsync(async (session, _) =>
        {
            await session.WriteAsync(RawWebSocketSession.Frame(WebSocketOpcode.Text, [0x7B, 0xC3, 0x28, 0x7D]));
            await session.ReadClientFrameAsync();
        });
        await using var connection = await Connect(server);
        var end = await connection.RunAsync(new CodecHandler(new HlCodec(Coins)));
        Assert.That((end.Reason, end.Status), Is.EqualTo((WebSocketEndReason.ProtocolError, (WebSocketCloseStatus?)WebSocketCloseStatus.InvalidPayloadData)));
    }

    [Test]
    public async Task An_oversized_frame_is_refused_from_its_header_with_1009_before_any_payload_arrives()
    {
        await using var server = await TestWebSocketServer.StartAsync(async (session, _) =>
        {
            // Declares 1 GB and sends none of it: the client must decide from the header alone.
            await session.WriteAsync(RawWebSocketSession.Frame(WebSocketOpcode.Text, [], declaredLength: 1L << 30));
            await session.ReadClientFrameAsync();
        });
        await using var connection = await Connect(server, maxMessageSize: 64 * 1024);
        var end = await connection.RunAsync(new CodecHandler(new HlCodec(Coins)));
        Assert.That((end.Reason, end.Status), Is.EqualTo((WebSocketEndReason.MessageTooBig, (WebSocketCloseStatus?)WebSocketCloseStatus.MessageTooBig)));
        Assert.That(end.Description, Does.Contain("exceeds the limit of 65536"));
    }

    [Test]
    public async Task A_fragmented_message_growing_past_the_limit_is_refused()
    {
        await using var server = await TestWebSocketServer.StartAsync(async (session, _) =>
        {
            var chunk = new byte[40_000];
            Array.Fill(chunk, (byte)' ');
            await session.WriteAsync(RawWebSocketSession.Frame(WebSocketOpcode.Text, chunk, fin: false));
            await session.WriteAsync(RawWebSocketSession.Frame(WebSocketOpcode.Continuation, chunk, fin: false));
            await session.ReadClientFrameAsync();
        });
        await using var connection = await Connect(server, maxMessageSize: 64 * 1024);
        var end = await connection.RunAsync(new CodecHandler(new HlCodec(Coins)));
        Assert.That(end.Reason, Is.EqualTo(WebSocketEndReason.MessageTooBig));
        Assert.That(end.Description, Does.Contain("80000"));
    }

    [Test]
    public async Task Malformed_JSON_is_counted_and_the_connection_stays_up()
    {
        await using var server = await TestWebSocketServer.StartAsync(async (session, _) =>
        {
            await session.SendTextAsync("""{"channel":"l2Book","data":{"coin":"BTC","time":1,"levels":[[""");
            await session.SendTextAsync("not json at all");
            await session.SendTextAsync("""{"channel":"bbo","data":{"coin":"BTC","time":1757015216000,"bbo":[null,{"px":"1","sz":"1","n":1}]}}""");
            await session.SendCloseAsync(WebSocketCloseStatus.NormalClosure, "");
            await session.ReadClientFrameAsync();
        });
        await using var connection = await Connect(server);
        var handler = new CodecHandler(new HlCodec(Coins));
        var end = await connection.RunAsync(handler);
        Assert.That(handler.Kinds, Is.EqualTo(new[] { HlMessageKind.Malformed, HlMessageKind.Malformed, HlMessageKind.Bbo }));
        Assert.That(handler.Codec.Counters.Malformed, Is.EqualTo(2));
        Assert.That(end.Reason, Is.EqualTo(WebSocketEndReason.ClosedByServer));
    }

    [Test]
    public async Task A_one_byte_trickle_still_yields_whole_messages()
    {
        var book = Recordings.HftBacktestMessages()[0];
        await using var server = await TestWebSocketServer.StartAsync(async (session, _) =>
        {
            var frame = RawWebSocketSession.Frame(WebSocketOpcode.Text, book);
            for (var i = 0; i < frame.Length; i++)
            {
                await session.WriteAsync(frame[i..(i + 1)]);
                if (i % 64 == 0) await Task.Delay(1);
            }
            await session.SendCloseAsync(WebSocketCloseStatus.NormalClosure, "");
            await session.ReadClientFrameAsync();
        });
        await using var connection = await Connect(server);
        var handler = new CodecHandler(new HlCodec(Coins));
        await connection.RunAsync(handler);
        Assert.That(handler.Kinds, Is.EqualTo(new[] { HlMessageKind.L2Book }));
        Assert.That((handler.Events[0].BidCount, handler.Events[0].AskCount), Is.EqualTo(((byte)20, (byte)20)));
    }

    [Test]
    public async Task Text_and_prebuilt_raw_frames_reach_the_server_masked_and_intact()
    {
        var received = new TaskCompletionSource<string[]>();
        await using var server = await TestWebSocketServer.StartAsync(async (session, _) =>
        {
            var texts = new[] { await session.ReadClientTextAsync(), await session.ReadClientTextAsync(), await session.ReadClientTextAsync() };
            received.SetResult(texts);
            await session.SendCloseAsync(WebSocketCloseStatus.NormalClosure, "");
            await session.ReadClientFrameAsync();
        });
        await using var connection = await Connect(server);
        var run = connection.RunAsync(new CodecHandler(new HlCodec(Coins)));
        connection.SendText("""{"method":"ping"}"""u8);
        var order = """{"method":"post","id":7,"request":{"type":"action","payload":{}}}"""u8.ToArray();
        var frame = new byte[WebSocketFrameWriter.FrameLength(order.Length)];
        WebSocketFrameWriter.Write(frame, WebSocketOpcode.Text, order, 0xDEADBEEF);
        connection.SendRawFrame(frame);
        await connection.SendTextAsync(Encoding.UTF8.GetBytes(new string('x', 70_000)));
        var texts = await received.Task;
        Assert.That(texts[0], Is.EqualTo("""{"method":"ping"}"""));
        Assert.That(texts[1], Is.EqualTo(Encoding.UTF8.GetString(order)));
        Assert.That(texts[2], Has.Length.EqualTo(70_000), "64-bit length form");
        Assert.That((await run).Reason, Is.EqualTo(WebSocketEndReason.ClosedByServer));
    }

    [Test]
    public async Task With_a_writer_wake_other_senders_queue_one_wake_and_the_owner_writes_their_frames_in_order()
    {
        var received = new TaskCompletionSource<string[]>();
        await using var server = await TestWebSocketServer.StartAsync(async (session, _) =>
        {
            received.SetResult([await session.ReadClientTextAsync(), await session.ReadClientTextAsync(), await session.ReadClientTextAsync()]);
            await session.SendCloseAsync(WebSocketCloseStatus.NormalClosure, "");
            await session.ReadClientFrameAsync();
        });
        await using var connection = await Connect(server);
        var wakes = 0;
        connection.WriterWake = () => Interlocked.Increment(ref wakes);
        var run = connection.RunAsync(new CodecHandler(new HlCodec(Coins)));

        connection.SendText("""{"method":"ping","n":1}"""u8);
        await connection.SendTextAsync(Encoding.UTF8.GetBytes("""{"method":"ping","n":2}"""));
        connection.SendText("""{"method":"ping","n":3}"""u8);
        var queuedBeforeFlush = connection.HasQueued;
        var wakesBeforeFlush = Volatile.Read(ref wakes);
        connection.FlushQueued();

        Assert.That(queuedBeforeFlush, Is.True, "nothing was written by the senders themselves");
        Assert.That(wakesBeforeFlush, Is.EqualTo(1), "three queued frames, one wake");
        Assert.That(connection.HasQueued, Is.False);
        Assert.That(await received.Task, Is.EqualTo(new[] { """{"method":"ping","n":1}""", """{"method":"ping","n":2}""", """{"method":"ping","n":3}""" }));
        Assert.That((await run).Reason, Is.EqualTo(WebSocketEndReason.ClosedByServer));
    }

    [Test]
    public async Task A_full_outbox_refuses_the_next_frame_instead_of_waiting()
    {
        await using var server = await TestWebSocketServer.StartAsync(async (session, _) => await session.ReadClientFrameAsync());
        await using var connection = await Connect(server);
        connection.WriterWake = () => { };
        for (var i = 0; i < WebSocketConnection.OutboxCapacity; i++) connection.SendText("""{"method":"ping"}"""u8);

        var refused = Assert.Throws<IOException>(() => connection.SendText("""{"method":"ping"}"""u8));
        Assert.That(refused!.Message, Does.Contain($"the send queue is full ({WebSocketConnection.OutboxCapacity} frames"));
    }

    [Test]
    public async Task Client_initiated_close_completes_the_handshake()
    {
        await using var server = await TestWebSocketServer.StartAsync(async (session, _) =>
        {
            var frame = await session.ReadClientFrameAsync();
            await session.WriteAsync(RawWebSocketSession.Frame(WebSocketOpcode.Close, frame.Payload));
        });
        await using var connection = await Connect(server);
        var run = connection.RunAsync(new CodecHandler(new HlCodec(Coins)));
        connection.Close(WebSocketCloseStatus.NormalClosure, "bye");
        var end = await run;
        Assert.That(end, Is.EqualTo(new WebSocketEnd(WebSocketEndReason.ClosedByClient, WebSocketCloseStatus.NormalClosure, "bye")));
    }

    [Test]
    public async Task A_wrong_Sec_WebSocket_Accept_fails_the_upgrade_clearly()
    {
        await using var server = await TestWebSocketServer.StartAsync((_, _) => Task.CompletedTask, acceptOverride: "bm90IHRoZSByaWdodCBrZXk=");
        var e = Assert.ThrowsAsync<WebSocketClientException>(() => Connect(server));
        Assert.That(e!.Message, Does.Contain("Sec-WebSocket-Accept is 'bm90IHRoZSByaWdodCBrZXk='"));
    }

    [Test]
    public async Task A_refused_upgrade_names_the_status_line()
    {
        await using var server = await TestWebSocketServer.StartAsync((_, _) => Task.CompletedTask);
        var e = Assert.ThrowsAsync<WebSocketClientException>(() =>
            WebSocketConnection.ConnectAsync(new WebSocketClientOptions(new Uri(server.Uri, "/missing"))));
        Assert.That(e!.Message, Does.Contain("refused the upgrade").And.Contain("404"));
    }

    [Test]
    public void Nothing_listening_is_a_clear_connect_error()
    {
        var e = Assert.ThrowsAsync<WebSocketClientException>(() =>
            WebSocketConnection.ConnectAsync(new WebSocketClientOptions(new Uri("ws://127.0.0.1:1/ws"))));
        Assert.That(e!.Message, Does.StartWith("connecting to ws://127.0.0.1:1/ws failed"));
    }

    [Test]
    public async Task Wss_with_a_self_signed_certificate_is_rejected_by_default_and_works_when_pinned()
    {
        using var certificate = TestWebSocketServer.SelfSignedCertificate();
        await using var server = await TestWebSocketServer.StartAsync(async (session, _) =>
        {
            await session.SendTextAsync("""{"channel":"pong"}""");
            await session.SendCloseAsync(WebSocketCloseStatus.NormalClosure, "");
            await session.ReadClientFrameAsync();
        }, certificate);
        Assert.That(server.Uri.Scheme, Is.EqualTo("wss"));

        var refused = Assert.ThrowsAsync<WebSocketClientException>(() => WebSocketConnection.ConnectAsync(new WebSocketClientOptions(server.Uri)));
        Assert.That(refused!.Message, Does.Contain("failed"));

        var pinned = new WebSocketClientOptions(server.Uri)
        {
            CertificateValidation = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == certificate.GetCertHashString(),
        };
        await using var connection = await WebSocketConnection.ConnectAsync(pinned);
        var handler = new CodecHandler(new HlCodec(Coins));
        var end = await connection.RunAsync(handler);
        Assert.That(handler.Kinds, Is.EqualTo(new[] { HlMessageKind.Pong }));
        Assert.That(end.Reason, Is.EqualTo(WebSocketEndReason.ClosedByServer));
    }
}
