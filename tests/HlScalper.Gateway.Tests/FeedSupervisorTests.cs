using System.Collections.Concurrent;
using System.Text.Json;
using CsCheck;
using HlScalper.Engine.Events;
using HlScalper.Gateway.Feed;
using HlScalper.Protocol.Codec;

namespace HlScalper.Gateway.Tests;

/// <summary>The feed supervisor against a scripted Kestrel server: subscriptions and acks, kicks, silence, pings.</summary>
[CancelAfter(60_000)]
public class FeedSupervisorTests
{
    private static readonly byte[] Book = """{"channel":"l2Book","data":{"coin":"BTC","time":1700000000000,"levels":[[{"px":"100.0","sz":"1","n":1}],[{"px":"101.0","sz":"2","n":1}]]}}"""u8.ToArray();

    /// <summary>Plays a well-behaved Hyperliquid server: greets, acks every (un)subscribe, answers pings unless told not to.</summary>
    private sealed class FakeExchange(bool answerPings = true)
    {
        public ConcurrentQueue<string> Requests { get; } = new();

        public async Task Serve(RawWebSocketSession session, Func<Task>? afterFirstRequest = null)
        {
            await session.SendTextAsync("Websocket connection established.");
            var first = true;
            while (true)
            {
                var text = await session.ReadClientTextAsync();
                Requests.Enqueue(text);
                using var doc = JsonDocument.Parse(text);
                var method = doc.RootElement.GetProperty("method").GetString();
                if (method is "subscribe" or "unsubscribe")
                    await session.SendTextAsync($$$"""{"channel":"subscriptionResponse","data":{"method":"{{{method}}}","subscription":{{{doc.RootElement.GetProperty("subscription").GetRawText()}}}}}""");
                else if (method == "ping" && answerPings)
                    await session.SendTextAsync("""{"channel":"pong"}""");
                if (first && afterFirstRequest is not null) await afterFirstRequest();
                if (session.Kicked) return;
                first = false;
            }
        }
    }

    private static (FeedSupervisor<SharedSink> Feed, SharedEvents Events) NewFeed(TestWebSocketServer server, Func<FeedOptions, FeedOptions>? tune = null)
    {
        var events = new SharedEvents();
        // The test book carries a fixed 2023 time: no wall clock to hold it to, unless a test sets one.
        var options = new FeedOptions(server.Uri) { ReconnectDelayMin = TimeSpan.FromMilliseconds(20), ReconnectDelayMax = TimeSpan.FromMilliseconds(100), MonitorPeriod = TimeSpan.FromMilliseconds(20), Clock = null };
        var feed = new FeedSupervisor<SharedSink>(tune?.Invoke(options) ?? options, new HlCodec(new CoinTable("BTC", "ETH")), new SharedSink(events), TestContext.Progress.WriteLine);
        return (feed, events);
    }

    [Test]
    public async Task Subscribes_on_connect_tracks_acks_and_publishes_market_data()
    {
        var exchange = new FakeExchange();
        await using var server = await TestWebSocketServer.StartAsync((session, _) => exchange.Serve(session, () => session.WriteAsync(RawWebSocketSession.Frame(HlScalper.Gateway.WebSockets.WebSocketOpcode.Text, Book))));
        var (feed, events) = NewFeed(server);
        feed.Subscribe(HlSubscription.L2Book("BTC"));
        feed.Subscribe(HlSubscription.Trades("BTC"));
        using var stop = new CancellationTokenSource();
        var run = feed.RunAsync(stop.Token);

        await Eventually.Until(() => feed.IsAcked(HlSubscription.L2Book("BTC")) && feed.IsAcked(HlSubscription.Trades("BTC")), "both acks");
        await Eventually.Until(() => events.Snapshot().Any(e => e.Kind == EventKind.Book), "a book");
        feed.Unsubscribe(HlSubscription.Trades("BTC"));
        await Eventually.Until(() => exchange.Requests.Any(r => r.Contains("unsubscribe")), "the unsubscribe request");
        await stop.CancelAsync();
        await run;

        Assert.That(exchange.Requests.Take(2), Is.EqualTo(new[]
        {
            """{"method":"subscribe","subscription":{"type":"l2Book","coin":"BTC"}}""",
            """{"method":"subscribe","subscription":{"type":"trades","coin":"BTC"}}""",
        }));
        Assert.That(feed.IsAcked(HlSubscription.Trades("BTC")), Is.False, "unsubscribed");
        Assert.That(feed.Counters.Reconnects, Is.Zero);
        Assert.That(feed.CodecCounters.Malformed, Is.Zero);
    }

    [Test]
    public async Task A_kick_mid_message_reconnects_resubscribes_and_resets_the_book_before_new_data()
    {
        var exchange = new FakeExchange();
        await using var server = await TestWebSocketServer.StartAsync((session, number) => exchange.Serve(session, async () =>
        {
            await session.WriteAsync(RawWebSocketSession.Frame(HlScalper.Gateway.WebSockets.WebSocketOpcode.Text, Book));
            if (number == 1)
            {
                var frame = RawWebSocketSession.Frame(HlScalper.Gateway.WebSockets.WebSocketOpcode.Text, Book);
                await session.WriteAsync(frame[..40]);
                session.Kick();
            }
        }));
        var (feed, events) = NewFeed(server);
        feed.Subscribe(HlSubscription.L2Book("BTC"));
        using var stop = new CancellationTokenSource();
        var run = feed.RunAsync(stop.Token);
        await Eventually.Until(() => events.Snapshot().Count(e => e.Kind == EventKind.Book) >= 2, "a book on each connection");
        await stop.CancelAsync();
        await run;

        var sequence = events.Snapshot().Select(e => e.Kind == EventKind.Control ? $"Control:{e.Control}" : e.Kind.ToString()).ToList();
        Assert.That(sequence.Take(3), Is.EqualTo(new[] { "Book", "Control:FeedReset", "Book" }));
        Assert.That(server.Connections, Is.GreaterThanOrEqualTo(2));
        Assert.That(feed.Counters.Reconnects, Is.GreaterThanOrEqualTo(1));
        Assert.That(exchange.Requests.Count(r => r.Contains("\"l2Book\"")), Is.GreaterThanOrEqualTo(2), "resubscribed after the reconnect");
        Assert.That(events.Snapshot().First(e => e.Kind == EventKind.Control).ExchangeTimeMs, Is.GreaterThanOrEqualTo(1700000000000L), "control time continues the exchange clock");
    }

    [Test]
    public async Task Silence_past_the_stale_threshold_signals_FeedStale_once_per_silent_spell()
    {
        var exchange = new FakeExchange();
        var resume = new TaskCompletionSource();
        await using var server = await TestWebSocketServer.StartAsync((session, _) => exchange.Serve(session, async () =>
        {
            await session.WriteAsync(RawWebSocketSession.Frame(HlScalper.Gateway.WebSockets.WebSocketOpcode.Text, Book));
            await resume.Task;
            await session.WriteAsync(RawWebSocketSession.Frame(HlScalper.Gateway.WebSockets.WebSocketOpcode.Text, Book));
        }));
        var (feed, events) = NewFeed(server, o => o with { StaleAfter = TimeSpan.FromMilliseconds(200) });
        feed.Subscribe(HlSubscription.L2Book("BTC"));
        using var stop = new CancellationTokenSource();
        var run = feed.RunAsync(stop.Token);

        await Eventually.Until(() => events.Snapshot().Any(e => e.Control == ControlCode.FeedStale), "a stale signal");
        // Stays silent while the monitor looks six more times (three thresholds of silence): still one signal.
        var checks = feed.Counters.StaleChecks;
        await Eventually.Until(() => feed.Counters.StaleChecks >= checks + 6, "six more checks of the silent feed");
        var staleBefore = events.Snapshot().Count(e => e.Control == ControlCode.FeedStale);
        resume.SetResult();
        await Eventually.Until(() => events.Snapshot().Count(e => e.Kind == EventKind.Book) == 2, "data again");
        await Eventually.Until(() => events.Snapshot().Count(e => e.Control == ControlCode.FeedStale) == 2, "a second silent spell, a second signal");
        await stop.CancelAsync();
        await run;

        var stale = events.Snapshot().First(e => e.Control == ControlCode.FeedStale);
        Assert.That(staleBefore, Is.EqualTo(1));
        Assert.That((stale.Kind, stale.Coin), Is.EqualTo((EventKind.Control, (ushort)0)));
        Assert.That(events.Snapshot().Any(e => e.Kind == EventKind.Control && e.Coin == 1), Is.False, "ETH has no subscription, so it is never stale");
        Assert.That(feed.Counters.Reconnects, Is.Zero, "silence alone does not reconnect while pongs come back");
    }

    [Test]
    public async Task Application_pings_keep_the_link_and_a_missing_pong_forces_a_reconnect()
    {
        var answering = new FakeExchange();
        await using (var server = await TestWebSocketServer.StartAsync((session, _) => answering.Serve(session)))
        {
            var (feed, _) = NewFeed(server, o => o with { PingInterval = TimeSpan.FromMilliseconds(50) });
            using var stop = new CancellationTokenSource();
            var run = feed.RunAsync(stop.Token);
            await Eventually.Until(() => feed.Counters.Pongs >= 3, "three pongs");
            await stop.CancelAsync();
            await run;
            Assert.That(answering.Requests.Count(r => r == """{"method":"ping"}"""), Is.GreaterThanOrEqualTo(3));
            Assert.That(feed.Counters.Reconnects, Is.Zero);
        }

        var mute = new FakeExchange(answerPings: false);
        await using (var server = await TestWebSocketServer.StartAsync((session, _) => mute.Serve(session)))
        {
            var (feed, _) = NewFeed(server, o => o with { PingInterval = TimeSpan.FromMilliseconds(50), PongTimeout = TimeSpan.FromMilliseconds(200) });
            using var stop = new CancellationTokenSource();
            var run = feed.RunAsync(stop.Token);
            await Eventually.Until(() => feed.Counters.Reconnects >= 1, "a reconnect after the missing pong");
            await stop.CancelAsync();
            await run;
            Assert.That(feed.Counters.Pongs, Is.Zero);
        }
    }

    [Test]
    public async Task A_server_close_frame_and_garbage_both_end_in_reconnect_and_resubscribe()
    {
        var exchange = new FakeExchange();
        await using var server = await TestWebSocketServer.StartAsync((session, number) => exchange.Serve(session, () => number switch
        {
            1 => session.SendCloseAsync(System.Net.WebSockets.WebSocketCloseStatus.EndpointUnavailable, "maintenance"),
            2 => session.WriteAsync([0xFF, 0x00, 0x12]),
            _ => session.WriteAsync(RawWebSocketSession.Frame(HlScalper.Gateway.WebSockets.WebSocketOpcode.Text, Book)),
        }));
        var (feed, events) = NewFeed(server);
        feed.Subscribe(HlSubscription.L2Book("BTC"));
        using var stop = new CancellationTokenSource();
        var run = feed.RunAsync(stop.Token);
        await Eventually.Until(() => events.Snapshot().Any(e => e.Kind == EventKind.Book), "a book on the third connection");
        await stop.CancelAsync();
        await run;
        Assert.That(server.Connections, Is.GreaterThanOrEqualTo(3));
        Assert.That(exchange.Requests.Count(r => r.Contains("subscribe")), Is.GreaterThanOrEqualTo(3));
        Assert.That(events.Snapshot().Count(e => e.Control == ControlCode.FeedReset), Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public async Task Book_times_are_held_to_the_feeds_wall_clock()
    {
        var exchange = new FakeExchange();
        await using var server = await TestWebSocketServer.StartAsync((session, _) => exchange.Serve(session, async () =>
        {
            for (var i = 0; i < 2; i++) await session.WriteAsync(RawWebSocketSession.Frame(HlScalper.Gateway.WebSockets.WebSocketOpcode.Text, Book));
        }));
        // The book is stamped 1700000000000: one clock reads a second later, the other ten minutes later.
        foreach (var (lateMs, expected) in new[] { (1_000L, HlMessageKind.L2Book), (600_000L, HlMessageKind.Malformed) })
        {
            var kinds = new ConcurrentQueue<HlMessageKind>();
            var (feed, events) = NewFeed(server, o => o with { Clock = new ManualClock(1_700_000_000_000 + lateMs) });
            feed.OnMessageParsed = (kind, _, _) => kinds.Enqueue(kind);
            feed.Subscribe(HlSubscription.L2Book("BTC"));
            using var stop = new CancellationTokenSource();
            var run = feed.RunAsync(stop.Token);
            await Eventually.Until(() => kinds.Count(k => k is HlMessageKind.L2Book or HlMessageKind.Malformed) == 2, "both books parsed");
            await stop.CancelAsync();
            await run;
            Assert.That(kinds.Where(k => k is HlMessageKind.L2Book or HlMessageKind.Malformed), Is.All.EqualTo(expected), $"{lateMs} ms late");
            Assert.That(events.Snapshot().Count(e => e.Kind == EventKind.Book), Is.EqualTo(expected == HlMessageKind.L2Book ? 2 : 0));
            if (expected == HlMessageKind.Malformed) Assert.That(feed.CodecCounters.Rejected(HlRejectReason.TimeOutOfRange), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task A_server_that_floods_pings_and_never_reads_is_dropped_with_the_reason_and_stopping_the_feed_never_waits_on_it()
    {
        var lines = new ConcurrentQueue<string>();
        await using var server = PingFloodServer.Start();
        var events = new SharedEvents();
        var options = new FeedOptions(server.Uri)
        {
            SendTimeout = TimeSpan.FromMilliseconds(500), ReconnectDelayMin = TimeSpan.FromMilliseconds(20), ReconnectDelayMax = TimeSpan.FromMilliseconds(100),
            MonitorPeriod = TimeSpan.FromMilliseconds(20), PingInterval = TimeSpan.FromMilliseconds(50), PongTimeout = TimeSpan.FromHours(1), Clock = null,
        };
        var feed = new FeedSupervisor<SharedSink>(options, new HlCodec(new CoinTable("BTC")), new SharedSink(events), line => { lines.Enqueue(line); TestContext.Progress.WriteLine(line); });
        feed.Subscribe(HlSubscription.L2Book("BTC"));
        using var stop = new CancellationTokenSource();
        var run = feed.RunAsync(stop.Token);
        await Eventually.Until(() => lines.Any(l => l.Contains("the server is not reading")), "the stuck send closes the connection", 45_000);
        await Eventually.Until(() => server.Connections >= 2, "and the feed reconnects", 45_000);
        await stop.CancelAsync();
        await run;
        Assert.That(lines.First(l => l.Contains("connection ended")), Does.Contain("ConnectionLost").And.Contain("the server is not reading"));
    }

    [Test]
    public void Backoff_grows_exponentially_to_its_cap_with_jitter_in_the_upper_half() =>
        Gen.Select(Gen.Int[0, 40], Gen.Int).Sample((attempt, seed) =>
        {
            var min = TimeSpan.FromMilliseconds(250);
            var max = TimeSpan.FromSeconds(30);
            var delay = ReconnectBackoff.Delay(attempt, min, max, new Random(seed));
            var ceiling = Math.Min(max.TotalMilliseconds, min.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
            return delay.TotalMilliseconds >= ceiling / 2 && delay.TotalMilliseconds <= ceiling;
        }, iter: 500);

    [Test]
    public async Task Stopping_the_feed_closes_the_socket_with_a_close_frame_1000_that_the_server_sees()
    {
        var closeCode = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestWebSocketServer.StartAsync(async (session, _) =>
        {
            await session.WriteAsync(RawWebSocketSession.Frame(HlScalper.Gateway.WebSockets.WebSocketOpcode.Text, Book));
            while (true)
            {
                var (opcode, _, payload) = await session.ReadClientFrameAsync();
                if (opcode != HlScalper.Gateway.WebSockets.WebSocketOpcode.Close) continue;
                closeCode.SetResult(payload.Length >= 2 ? payload[0] << 8 | payload[1] : -1);
                await session.WriteAsync(RawWebSocketSession.Frame(HlScalper.Gateway.WebSockets.WebSocketOpcode.Close, payload));
                return;
            }
        });
        var (feed, events) = NewFeed(server);
        using var stop = new CancellationTokenSource();
        var run = feed.RunAsync(stop.Token);
        await Eventually.Until(() => events.Snapshot().Any(e => e.Kind == EventKind.Book), "the book");

        await stop.CancelAsync();
        await run;

        Assert.That(await closeCode.Task, Is.EqualTo(1000), "a normal closure, not a dropped TCP connection (1006)");
        Assert.That(feed.Connection, Is.Null);
    }

    [Test]
    public async Task The_receive_loop_runs_on_the_named_io_thread_pinned_to_the_cpu_given()
    {
        var seen = new TaskCompletionSource<(string? Name, string Cpus)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestWebSocketServer.StartAsync(async (session, _) =>
        {
            await session.WriteAsync(RawWebSocketSession.Frame(HlScalper.Gateway.WebSockets.WebSocketOpcode.Text, Book));
            await session.ReadClientFrameAsync();
        });
        var (feed, _) = NewFeed(server, o => o with { IoThreadName = "feed-io-test", IoCpu = 0 });
        // Read on the receiving thread itself: its name and, on Linux, the CPUs the kernel lets it run on.
        feed.OnMessageParsed = (_, _, _) => seen.TrySetResult((Thread.CurrentThread.Name,
            OperatingSystem.IsLinux() ? File.ReadLines("/proc/thread-self/status").First(l => l.StartsWith("Cpus_allowed_list:"))["Cpus_allowed_list:".Length..].Trim() : "0"));
        using var stop = new CancellationTokenSource();
        var run = feed.RunAsync(stop.Token);
        var (name, cpus) = await seen.Task;
        await stop.CancelAsync();
        await run;

        Assert.That(name, Is.EqualTo("feed-io-test"));
        Assert.That(cpus, Is.EqualTo("0"), "pinned to CPU 0");
    }
}
