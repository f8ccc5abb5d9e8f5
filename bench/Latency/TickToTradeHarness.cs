using System.Diagnostics;
using System.Security.Cryptography;
using HlScalper.Engine.Events;
using HlScalper.Engine.Metrics;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Strategy;
using HlScalper.Live;
using HlScalper.Live.Config;
using HlScalper.Live.Latency;
using HlScalper.Live.Log;
using HlScalper.Live.Pipeline;
using HlScalper.Protocol.Codec;
using HlScalper.Protocol.Keys;
using HlScalper.Protocol.Signing;
using HlScalper.Replay.Synthetic;

namespace HlScalper.Bench.Latency;

/// <summary>
/// Tick-to-trade over loopback through the <see cref="LivePipeline"/> that <c>hlscalper live</c> runs: a <see cref="LoopbackVenue"/>
/// sends book frames to its WebSocket client, feed supervisor, codec, ring and slot-runner, and its order sender writes the signed
/// frames back on the same socket, where the venue answers them as the exchange does.
/// </summary>
/// <remarks>Book messages are the built-in market's, re-timed so each tick's exchange time names it; a throwaway random key signs.</remarks>
public static class TickToTradeHarness
{
    public static async Task<TickToTradeResult> RunAsync(TickToTradeOptions options, Action<string> log, CancellationToken ct)
    {
        // Ticks start an hour ahead of the wall clock: the engine's time is the newest of book and timer times, and the timer thread
        // runs on the wall clock, so a market from the past would look stale. Not at the wall clock itself: the events the run stamps
        // with it (timers, post replies — an entry often follows a cancel's answer) would then carry a tick's time now and then and
        // be taken for it, timing an order from a tick sent seconds before (it showed in the first ticks' figures).
        var firstTickMs = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() + (long)TimeSpan.FromHours(1).TotalMilliseconds;
        var messages = BookMessages(new CoinTable("BTC"), firstTickMs);
        var warmup = Math.Min(options.Ticks / 10, 50_000);
        var sendToReceive = new LatencyHistogram("venue-send-to-order-received");
        var venueToWire = new LatencyHistogram("stage-venue-send-to-wire");
        var writtenToVenue = new LatencyHistogram("stage-written-to-venue-read");
        var stages = new PipelineStages();
        using var venue = new LoopbackVenue(messages, options.Ticks) { Cpu = options.VenueCpu };
        var orders = new OrderTicks(options.Ticks * 2, firstTickMs, options.StepMs, venue.SendTimestamps, warmup, venueToWire);
        venue.OrderArrived = (index, arrived) =>
        {
            var tick = orders.Await(index);
            if (tick < warmup) return;
            sendToReceive.Record(venue.SendTimestamps[tick], arrived);
            writtenToVenue.Record(orders.WrittenAt(index), arrived);
        };

        var key = RandomNumberGenerator.GetBytes(32);
        var runtime = new RuntimeSettings { Wait = options.Wait, EngineCpu = options.EngineCpu, IoCpu = options.IoCpu };
        using var liveLog = new LiveLog(options.LogFile is { } file ? new StreamWriter(file) : TextWriter.Null);
        using var pipeline = new LivePipeline(new LivePipelineOptions
        {
            Coin = "BTC",
            Asset = AssetMeta.BtcPerp,
            Engine = new EngineConfig().With(options.Settings),
            Runtime = runtime,
            WebSocket = venue.Uri,
            Keys = () => TradingKeys.FromSettings(new Dictionary<string, string> { [TradingKeys.KeyVariable] = Hex.ToPrefixedString(key) }),
            CounterStart = 1,
            OrderTap = orders,
            Stages = stages,
            // The venue plays its ticks faster than real time: their times run ahead of the wall clock.
            EventClock = null,
        }, liveLog, TimeProvider.System);
        orders.Context = pipeline.Context;
        pipeline.Context.MeasureFrom = long.MaxValue;

        var accepted = venue.AcceptAsync(ct);
        pipeline.Start();
        await accepted;

        log($"feeding {options.Ticks:N0} ticks at {(options.Rate > 0 ? $"{options.Rate:N0}/s" : "full speed")} ({warmup:N0} warm-up) through the live pipeline, " +
            $"engine wait '{options.Wait}'{(options.EngineCpu is { } cpu ? $" on CPU {cpu}" : "")}, order signer {pipeline.OrderSigner}");
        var gc0 = GC.CollectionCount(0);
        var gc1 = GC.CollectionCount(1);
        var gc2 = GC.CollectionCount(2);
        var started = Stopwatch.GetTimestamp();
        var startedUtc = DateTime.UtcNow;
        venue.Play(firstTickMs, options.StepMs, options.Rate, tick =>
        {
            if (tick == warmup) Volatile.Write(ref pipeline.Context.MeasureFrom, Stopwatch.GetTimestamp());
        }, ct);
        var lastTickMs = firstTickMs + (options.Ticks - 1) * options.StepMs;
        var drained = SpinWait.SpinUntil(() => Volatile.Read(ref pipeline.Context.LastBookExchangeMs) >= lastTickMs, TimeSpan.FromSeconds(30));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var gc = (GC.CollectionCount(0) - gc0, GC.CollectionCount(1) - gc1, GC.CollectionCount(2) - gc2);
        if (!drained) log($"warning: the engine handled ticks up to {orders.TickOf(pipeline.Context.LastBookExchangeMs)} of {options.Ticks - 1} within 30 s of the last send");

        // Let the last order frames land before the venue closes.
        SpinWait.SpinUntil(() => venue.Places >= Math.Min(orders.Count, orders.Capacity), TimeSpan.FromSeconds(5));
        await pipeline.StopAsync();

        var histograms = new[] { pipeline.WireToDecision, pipeline.TickToTrade, sendToReceive };
        LatencyHistogram[] stageHistograms = [venueToWire, .. stages.All, writtenToVenue];
        var files = histograms.Concat(stageHistograms).SelectMany(h => LatencyReport.WriteFiles(h, options.OutputDirectory, startedUtc)).ToList();
        var sender = pipeline.SenderCounters;
        return new TickToTradeResult(histograms, stageHistograms, options.Ticks, pipeline.Runner.Stats.Events, orders.Count, sender.FullSignatures,
            gc.Item1, gc.Item2, gc.Item3, elapsed, files);
    }

    /// <summary>One cycle of l2Book messages from the built-in market, each with a placeholder time the venue rewrites per tick.</summary>
    private static List<ReadOnlyMemory<byte>> BookMessages(CoinTable coins, long firstTickMs)
    {
        var tape = SyntheticTape.Build(new SyntheticMarketConfig());
        var writer = new HlMessageWriter(coins);
        var messages = new List<ReadOnlyMemory<byte>>();
        foreach (var e in tape.Span)
        {
            if (e.Kind != EventKind.Book) continue;
            var book = e;
            book.ExchangeTimeMs = firstTickMs;
            messages.Add(writer.L2Book(ref book).ToArray());
        }
        return messages;
    }

    /// <summary>
    /// The pipeline's order tap: notes, for every order placed, the tick whose book caused it and when its write returned, so the venue
    /// can time it from that tick's send and from the write; records venue send → wire receive of the causing tick (engine thread).
    /// </summary>
    private sealed class OrderTicks(int capacity, long firstTickMs, long stepMs, long[] tickSent, int warmup, LatencyHistogram venueToWire) : IOrderSink
    {
        private readonly int[] _ticks = Enumerable.Repeat(-1, capacity).ToArray();
        private readonly long[] _written = new long[capacity];

        public TickContext? Context { get; set; }

        public int Capacity => _ticks.Length;

        /// <summary>Places seen so far.</summary>
        public int Count;

        public void Submit(in OrderIntent intent)
        {
            if (intent.Kind != IntentKind.Place) return;
            // The tap runs right after the order's write returned.
            var written = Stopwatch.GetTimestamp();
            var tick = TickOf(Context!.ExchangeTimeMs);
            if (tick >= warmup && Context.ReceiveTimestamp != 0) venueToWire.Record(tickSent[tick], Context.ReceiveTimestamp);
            if (Count < _ticks.Length)
            {
                _written[Count] = written;
                Volatile.Write(ref _ticks[Count], tick);
            }
            Count++;
        }

        public int TickOf(long exchangeMs)
        {
            var k = (exchangeMs - firstTickMs) / stepMs;
            return k >= 0 && (exchangeMs - firstTickMs) % stepMs == 0 ? (int)k : -1;
        }

        /// <summary>When the write of place <paramref name="index"/> returned; valid once <see cref="Await"/> found its tick.</summary>
        public long WrittenAt(int index) => _written[index];

        /// <summary>The tick behind place <paramref name="index"/>: the engine notes it right after the send, so it is there within microseconds.</summary>
        public int Await(int index)
        {
            if (index >= _ticks.Length) return -1;
            var spinner = new SpinWait();
            for (var i = 0; i < 1000; i++)
            {
                var tick = Volatile.Read(ref _ticks[index]);
                if (tick >= 0) return tick;
                spinner.SpinOnce(-1);
            }
            return -1;
        }
    }
}
