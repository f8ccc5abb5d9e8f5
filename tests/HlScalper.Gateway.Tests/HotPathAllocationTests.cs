using System.Text;
using System.Text.Json;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Ring;
using HlScalper.Gateway.Feed;
using HlScalper.Gateway.Orders;
using HlScalper.Gateway.WebSockets;
using HlScalper.Protocol.Codec;
using HlScalper.Protocol.Signing;

namespace HlScalper.Gateway.Tests;

/// <summary>
/// The hot path over a real socket: the feed's I/O thread (synchronous receive, frames, codec, post replies into the ring) and an engine
/// thread (sign, frame, write through the order channel, read its answer from the ring) against a Kestrel WebSocket peer on 127.0.0.1
/// that answers every order post, with a book message before each answer, in plain text and under TLS (the live exchange is wss:
/// <see cref="System.Net.Security.SslStream"/> reads, decrypts, encrypts and writes on the same two threads). Bytes are counted with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> on each of the two threads.
/// </summary>
[CancelAfter(120_000)]
public class HotPathAllocationTests
{
    private const int WarmUp = 300;
    private const int Measured = 1_000;

    private static readonly byte[] Key = Hex.Parse("0xd8115cac38745ed24b379ddc191473caaa893413e469db6a64d5c0ad431899df");

    [TestCase(false, TestName = "A thousand orders with replies allocate nothing on the engine thread and nothing per book or reply on the I/O thread (ws)")]
    [TestCase(true, TestName = "A thousand orders with replies allocate nothing on the engine thread and nothing per book or reply on the I/O thread (wss, TLS both ways)")]
    public async Task A_thousand_orders_with_replies_allocate_nothing_on_the_engine_thread_and_nothing_per_book_or_reply_on_the_io_thread(bool tls)
    {
        // The managed fallback signer (Nethereum) allocates per signature; the zero-allocation send path is the native one.
        if (!NativeSigner.IsAvailable) Assert.Ignore("libsecp256k1 is not installed here (apt-get install libsecp256k1-1): the managed signer allocates");
        using var certificate = tls ? TestWebSocketServer.SelfSignedCertificate() : null;
        await using var peer = await TestWebSocketServer.StartAsync((session, _) => AnswerOrders(session), certificate);
        using var orderKey = Signers.Create(Key);
        using var signer = Signers.ForOrders(orderKey, noncePool: true);
        var ring = new RingBuffer<MarketEvent>(1024);
        var sequencer = new MultiProducerSequencer(ring.Stamps, WaitStrategies.Create("yielding"));
        var consumed = new Sequence();
        sequencer.AddGatingSequences(consumed);
        var wakes = 0;
        var channel = new WebSocketOrderChannel(() => Interlocked.Increment(ref wakes));
        var sender = new OrderSender<RingEventSink>(new L1ActionSigner(signer, true), [AssetMeta.BtcPerp], null, new NonceSource(), channel,
            new RingEventSink(ring, sequencer), TimeProvider.System);
        var codec = new HlCodec(new CoinTable("BTC")) { OnPostResponse = PostResponseRouter.Create<RingEventSink>(sender, null) };
        var feed = new FeedSupervisor<RingEventSink>(new FeedOptions(peer.Uri)
        {
            Clock = null, IoThreadName = "test-feed-io", CertificateValidation = tls ? (_, _, _, _) => true : null,
        }, codec,
            new RingEventSink(ring, sequencer), TestContext.Progress.WriteLine);
        var io = new IoThreadTally();
        feed.OnMessageParsed = io.OnMessage;
        feed.ConnectionChanged = connection =>
        {
            if (connection is null) channel.Detach();
            else channel.Attach(connection);
        };
        using var stop = new CancellationTokenSource();
        var feedRun = feed.RunAsync(stop.Token);
        await Eventually.Until(() => channel.IsConnected, "the feed connected and attached the order channel");

        var engine = new EngineThread(sender, channel, ring, sequencer, consumed, io);
        var thread = new Thread(engine.Run) { Name = "test-engine", IsBackground = true };
        thread.Start();
        await Eventually.Until(() => !thread.IsAlive, "the engine thread sent its orders and read their answers", 90_000);
        await stop.CancelAsync();
        await feedRun;

        TestContext.Progress.WriteLine($"I/O thread per message after warm-up: {io.Report()}; engine thread {engine.Allocated} B over {Measured} orders; " +
            $"full signatures {sender.FullSignatures}; wakes {wakes}");
        Assert.Multiple(() =>
        {
            Assert.That(engine.Failure, Is.Null);
            Assert.That(engine.Answered, Is.EqualTo(WarmUp + Measured), "every order got its answer back through the ring");
            Assert.That(engine.Allocated, Is.Zero, "engine thread: sign, frame, write, and reading the answers");
            Assert.That(io.Count(HlMessageKind.L2Book), Is.GreaterThanOrEqualTo(Measured - 1), "book messages were received while measuring");
            Assert.That(io.Bytes(HlMessageKind.L2Book), Is.Zero, "I/O thread: read, frame and parse of a book into the ring");
            Assert.That(io.Count(HlMessageKind.Post), Is.GreaterThanOrEqualTo(Measured - 1), "post replies were received while measuring");
            Assert.That(io.Bytes(HlMessageKind.Post), Is.Zero, "I/O thread: read, frame and parse of a post reply, published as an order update");
        });
    }

    /// <summary>The peer: for every order post, a book message and then the post's answer (resting); echoes the close frame.</summary>
    private static async Task AnswerOrders(RawWebSocketSession session)
    {
        var oid = 1000L;
        var time = 1_700_000_000_000L;
        while (true)
        {
            var (opcode, _, payload) = await session.ReadClientFrameAsync();
            if (opcode == WebSocketOpcode.Close)
            {
                await session.WriteAsync(RawWebSocketSession.Frame(WebSocketOpcode.Close, payload));
                return;
            }
            if (opcode != WebSocketOpcode.Text) continue;
            using var post = JsonDocument.Parse(payload);
            if (post.RootElement.GetProperty("method").GetString() == "ping") await session.SendTextAsync("""{"channel":"pong"}""");
            if (post.RootElement.GetProperty("method").GetString() != "post") continue;
            var id = post.RootElement.GetProperty("id").GetInt64();
            time += 100;
            await session.SendTextAsync($$$"""{"channel":"l2Book","data":{"coin":"BTC","time":{{{time}}},"levels":[[{"px":"90000","sz":"1.5","n":3}],[{"px":"90001","sz":"2","n":1}]]}}""");
            await session.SendTextAsync("""{"channel":"post","data":{"id":""" + id + ""","response":{"type":"action","payload":{"status":"ok","response":{"type":"order","data":{"statuses":[{"resting":{"oid":""" + ++oid + "}}]}}}}}}");
        }
    }

    /// <summary>Bytes the I/O thread allocated from one message to the next, by the kind of the later one, once measuring is on.</summary>
    private sealed class IoThreadTally
    {
        private readonly long[] _bytes = new long[32];
        private readonly long[] _counts = new long[32];
        private long _last = -1;

        /// <summary>Set by the engine thread when its warm-up is over; cleared when it is done.</summary>
        public volatile bool Measuring;

        public void OnMessage(HlMessageKind kind, ReadOnlySpan<byte> message, long receiveTimestamp)
        {
            var now = GC.GetAllocatedBytesForCurrentThread();
            if (Measuring && _last >= 0)
            {
                _bytes[(int)kind] += now - _last;
                _counts[(int)kind]++;
            }
            _last = now;
        }

        public long Bytes(HlMessageKind kind) => _bytes[(int)kind];

        public long Count(HlMessageKind kind) => _counts[(int)kind];

        public string Report() => string.Join(", ", Enum.GetValues<HlMessageKind>().Where(k => _counts[(int)k] > 0)
            .Select(k => $"{k} {_counts[(int)k]} messages {_bytes[(int)k]} B ({(double)_bytes[(int)k] / _counts[(int)k]:0.#} B each)"));
    }

    /// <summary>Plays the engine: one Alo order at a time, each answered before the next; flushes what other threads queued, as the live handler does.</summary>
    private sealed class EngineThread(OrderSender<RingEventSink> sender, WebSocketOrderChannel channel, RingBuffer<MarketEvent> ring, Sequencer sequencer,
        Sequence consumed, IoThreadTally io)
    {
        private readonly SequenceBarrier _barrier = sequencer.NewBarrier();
        private long _next;

        public long Allocated { get; private set; } = -1;

        public int Answered { get; private set; }

        public Exception? Failure { get; private set; }

        public void Run()
        {
            try
            {
                long before = 0;
                for (var i = 0; i < WarmUp + Measured; i++)
                {
                    if (i == WarmUp)
                    {
                        io.Measuring = true;
                        before = GC.GetAllocatedBytesForCurrentThread();
                    }
                    var cloid = Cloid.FromPrefix(0xFEED, (ulong)i + 1);
                    sender.Submit(new OrderIntent
                    {
                        Kind = IntentKind.Place, Coin = 0, Side = Side.Buy, Tif = Tif.Alo, Px = new Px(61_264 * Fixed8.Scale), Sz = new Sz(Fixed8.Scale / 1000), Cloid = cloid,
                    });
                    AwaitAnswer(cloid);
                    sender.Done(cloid);
                    channel.FlushQueued();
                    Answered++;
                }
                Allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                io.Measuring = false;
            }
            catch (Exception e)
            {
                Failure = e;
            }
        }

        private void AwaitAnswer(Cloid cloid)
        {
            while (true)
            {
                var available = _barrier.WaitFor(_next);
                var found = false;
                for (; _next <= available; _next++)
                {
                    ref var e = ref ring[_next];
                    if (e.Kind == EventKind.OrderUpdate && e.Cloid == cloid) found = true;
                }
                consumed.SetValue(_next - 1);
                if (found) return;
            }
        }
    }
}
