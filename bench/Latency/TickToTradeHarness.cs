using System.Diagnostics;
using System.Security.Cryptography;
using HlScalper.Engine.Events;
using HlScalper.Engine.Metrics;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Ring;
using HlScalper.Engine.Strategy;
using HlScalper.Gateway.Feed;
using HlScalper.Gateway.Orders;
using HlScalper.Protocol.Codec;
using HlScalper.Protocol.Signing;
using HlScalper.Replay.Synthetic;

namespace HlScalper.Bench.Latency;

/// <summary>
/// Tick-to-trade over loopback, through the production pieces: feeder → WebSocket client and feed supervisor
/// → codec → ring → slot-runner (strategy + risk) → order sender → order frame on a socket.
/// </summary>
/// <remarks>
/// The order socket's far end plays the exchange just enough to keep the strategy cycling: it acks every
/// entry as resting and every cancel as cancelled, back through the ring. Book messages are the built-in
/// market's, re-timed so each tick's exchange time names it; a throwaway random key signs.
/// </remarks>
public static class TickToTradeHarness
{
    private const long FirstTickMs = 1_735_689_600_000;

    public static async Task<TickToTradeResult> RunAsync(TickToTradeOptions options, Action<string> log, CancellationToken ct)
    {
        var coins = new CoinTable("BTC");
        var messages = BookMessages(coins);
        var warmup = Math.Min(options.Ticks / 10, 50_000);
        var context = new TickContext(options.Ticks * 2, FirstTickMs, options.StepMs, warmup);
        var wireToDecision = new LatencyHistogram("wire-to-decision");
        var wireToOrder = new LatencyHistogram("wire-to-order-written");
        var sendToReceive = new LatencyHistogram("feeder-send-to-order-received");

        var ring = new RingBuffer<MarketEvent>(4096);
        var sequencer = new MultiProducerSequencer(4096, WaitStrategies.Create(options.Wait));
        using var feeder = new LoopbackFeeder(messages, options.Ticks);

        var ackSink = new RingEventSink(ring, sequencer);
        long oids = 0;
        using var receiver = new OrderReceiver((index, timestamp, payload) =>
        {
            var tick = AwaitTick(context, index);
            if (tick >= 0 && context.IsMeasured(tick)) sendToReceive.Record(feeder.SendTimestamps[tick], timestamp);
            Acknowledge(payload, FirstTickMs + Math.Max(tick, 0) * options.StepMs, ++oids, ref ackSink);
        });
        var orderSocket = receiver.Connect();

        var key = RandomNumberGenerator.GetBytes(32);
        using var deterministic = Signers.Create(key);
        using var signer = Signers.ForOrders(deterministic, noncePool: true);
        var sender = new OrderSender<RingEventSink>(new L1ActionSigner(signer, true), [AssetMeta.BtcPerp], null, new NonceSource(),
            new SocketFrameSink(orderSocket, new Lock()), new RingEventSink(ring, sequencer), TimeProvider.System);

        var runner = new SlotRunner(AssetMeta.BtcPerp, 0, new EngineConfig().With(options.Settings), new TimingOrderSink(sender, context, wireToOrder));
        var engine = new BatchEventProcessor<MarketEvent, HarnessEngineHandler>(ring, sequencer.NewBarrier(), new HarnessEngineHandler(runner, context, wireToDecision), name: "engine");
        sequencer.AddGatingSequences(engine.Sequence);
        engine.Start(options.EngineCpu, log);

        using var stopFeed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // The feeder plays the market, not the heartbeat: no application pings to answer.
        var feed = new FeedSupervisor<RingEventSink>(new FeedOptions(feeder.Uri) { StaleAfter = TimeSpan.FromHours(1), PingInterval = TimeSpan.FromHours(1) }, new HlCodec(coins), new RingEventSink(ring, sequencer), log);
        feed.Subscribe(HlSubscription.L2Book("BTC"));
        var accepted = feeder.AcceptAsync(ct);
        var feedTask = feed.RunAsync(stopFeed.Token);
        await accepted;

        log($"feeding {options.Ticks:N0} ticks at {(options.Rate > 0 ? $"{options.Rate:N0}/s" : "full speed")} ({warmup:N0} warm-up), engine wait '{options.Wait}'{(options.EngineCpu is { } cpu ? $" on CPU {cpu}" : "")}, order signer {signer.Name}");
        var gc0 = GC.CollectionCount(0);
        var gc1 = GC.CollectionCount(1);
        var gc2 = GC.CollectionCount(2);
        var started = Stopwatch.GetTimestamp();
        var startedUtc = DateTime.UtcNow;
        feeder.Play(FirstTickMs, options.StepMs, options.Rate, ct);
        var drained = SpinWait.SpinUntil(() => Volatile.Read(ref context.LastTick) >= options.Ticks - 1, TimeSpan.FromSeconds(30));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var gc = (GC.CollectionCount(0) - gc0, GC.CollectionCount(1) - gc1, GC.CollectionCount(2) - gc2);
        if (!drained) log($"warning: the engine handled ticks up to {context.LastTick} of {options.Ticks - 1} within 30 s of the last send");

        // Let in-flight order frames land before the receiver closes.
        SpinWait.SpinUntil(() => receiver.Frames >= Math.Min(context.Orders, context.OrderTicks.Length), TimeSpan.FromSeconds(5));
        stopFeed.Cancel();
        await feedTask;
        engine.Halt();

        var histograms = new[] { wireToDecision, wireToOrder, sendToReceive };
        var files = histograms.SelectMany(h => LatencyReport.WriteFiles(h, options.OutputDirectory, startedUtc)).ToList();
        return new TickToTradeResult(histograms, options.Ticks, runner.Stats.Events, context.Orders, sender.FullSignatures,
            gc.Item1, gc.Item2, gc.Item3, elapsed, files);
    }

    /// <summary>One cycle of l2Book messages from the built-in market, each with a placeholder time the feeder rewrites per tick.</summary>
    private static List<ReadOnlyMemory<byte>> BookMessages(CoinTable coins)
    {
        var tape = SyntheticTape.Build(new SyntheticMarketConfig());
        var writer = new HlMessageWriter(coins);
        var messages = new List<ReadOnlyMemory<byte>>();
        foreach (var e in tape.Span)
        {
            if (e.Kind != EventKind.Book) continue;
            var book = e;
            book.ExchangeTimeMs = FirstTickMs;
            messages.Add(writer.L2Book(ref book).ToArray());
        }
        return messages;
    }

    /// <summary>The tick behind order frame <paramref name="index"/>: the engine notes it just before the send, so it is there at once or within microseconds.</summary>
    private static int AwaitTick(TickContext context, int index)
    {
        if (index >= context.OrderTicks.Length) return -1;
        var spinner = new SpinWait();
        for (var i = 0; i < 1000; i++)
        {
            var tick = Volatile.Read(ref context.OrderTicks[index]);
            if (tick >= 0) return tick;
            spinner.SpinOnce(-1);
        }
        return -1;
    }

    /// <summary>Answers a post the way the exchange's order-update stream would: an order rests, a cancel cancels.</summary>
    private static void Acknowledge(ReadOnlySpan<byte> post, long timeMs, long oid, ref RingEventSink sink)
    {
        var status = OrderStatus.Open;
        var cloidAt = After(post, "\"c\":\""u8);
        if (cloidAt < 0)
        {
            status = OrderStatus.Canceled;
            cloidAt = After(post, "\"cloid\":\""u8);
        }
        if (cloidAt < 0 || post.Length < cloidAt + Cloid.WireLength || !Cloid.TryParse(post.Slice(cloidAt, Cloid.WireLength), out var cloid)) return;
        ref var e = ref sink.Claim();
        e.Reset(EventKind.OrderUpdate, 0, timeMs);
        e.Cloid = cloid;
        e.Flags = EventFlags.HasCloid;
        e.Oid = oid;
        e.Status = status;
        sink.Publish();
    }

    private static int After(ReadOnlySpan<byte> text, ReadOnlySpan<byte> key)
    {
        var at = text.IndexOf(key);
        return at < 0 ? -1 : at + key.Length;
    }
}
