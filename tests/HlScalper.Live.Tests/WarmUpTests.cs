using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Strategy;
using HlScalper.Gateway.WebSockets;
using HlScalper.Live.Config;
using HlScalper.Live.Log;
using HlScalper.Live.Pipeline;
using HlScalper.Protocol.Keys;
using HlScalper.Protocol.Signing;

namespace HlScalper.Live.Tests;

/// <summary>
/// The warm-up runs the live path — codec, ring, engine, strategy, risk, order gate, signing and framing — through a throwaway copy of
/// the pipeline, and leaves nothing behind: the pipeline it warmed is, counter for counter, a pipeline just built; nothing reaches the
/// venue's socket; and the first order of the real run is the first of its cloids.
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class WarmUpTests
{
    private const ulong CounterStart = 5_000;

    [Test]
    public async Task A_warm_up_sends_signed_orders_through_a_throwaway_copy_and_leaves_the_pipeline_as_built_and_the_socket_untouched()
    {
        var firstOrder = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var peer = await TestWebSocketServer.StartAsync((session, _) => PlayUntilAnOrder(session, firstOrder));
        var output = new StringWriter();
        using var log = new LiveLog(TextWriter.Synchronized(output));
        using var quiet = new LiveLog(TextWriter.Null);
        var options = Options(peer.Uri);
        using var warmed = new LivePipeline(options, log, TimeProvider.System);
        using var fresh = new LivePipeline(options, quiet, TimeProvider.System);

        var report = warmed.WarmUp(TimeSpan.FromSeconds(1));
        log.Flush(LiveLog.DrainTimeout);

        TestContext.Progress.WriteLine(report);
        Assert.Multiple(() =>
        {
            Assert.That(report.Fault, Is.Null);
            Assert.That(report.Ticks, Is.GreaterThanOrEqualTo(LivePipeline.WarmUpMinTicks));
            Assert.That(report.Events, Is.GreaterThanOrEqualTo(2L * report.Ticks), "a book and a trade a tick, and the answers, through the copy's engine");
            Assert.That(report.Orders, Is.GreaterThan(10), "the copy's strategy entered and its sender signed and framed the orders");
            Assert.That(report.Answers, Is.GreaterThan(report.Orders), "every order answered, entries and exits filled, cancels confirmed");
            Assert.That(State(warmed), Is.EqualTo(State(fresh)), "every counter, sequence, histogram and the engine's state as in a pipeline just built");
            Assert.That(peer.Connections, Is.Zero, "the copy never connected: nothing it made went on a socket");
            Assert.That(output.ToString(), Does.Match($@"evt=warm_up events={report.Events} orders={report.Orders} .*msg=""warm-up: {report.Events} events in \d+ ms"""));
        });

        // The real run: its first order carries its first cloid, so the warm-up used none of its counters.
        warmed.Start();
        var cloid = await firstOrder.Task.WaitAsync(TimeSpan.FromSeconds(60));
        warmed.RequestShutdown(closeOutFlattens: false);
        await warmed.StopAsync();
        Assert.That(cloid, Is.EqualTo(Cloid.FromPrefix(options.Engine.Strategy.CloidPrefix, CounterStart + 1).ToString()));
    }

    /// <summary>Everything of a pipeline a run reports or trades on, as one string.</summary>
    private static string State(LivePipeline p) => string.Join(" | ",
        p.Runner.Stats, p.Runner.NowMs, p.Runner.Position.SizeRaw, p.Runner.Orders.LiveCount, p.SenderCounters, p.Published, p.Sequences,
        p.TickToTrade.Count, p.WireToDecision.Count, p.OrderRoundTrip.Count, p.CodecCounters.Messages, p.CodecCounters.Events, p.Reconnects,
        p.FeedLastMessage, p.LogSkipped, p.DeadManCounters, p.Counters.Orders, p.Counters.Acks, p.Counters.Fills, p.Counters.Cancels,
        p.Counters.Rejects, p.Counters.ClosedPnlRaw, p.Counters.FeesRaw, p.Context.ReceiveTimestamp, p.Context.ExchangeTimeMs, p.Context.LastBookExchangeMs);

    private static LivePipelineOptions Options(Uri venue)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var engine = new EngineConfig();
        return new LivePipelineOptions
        {
            Coin = "BTC",
            Asset = AssetMeta.BtcPerp,
            Engine = engine,
            // Warmed by the test itself, once, before the start.
            Runtime = new RuntimeSettings { WarmUp = TimeSpan.Zero },
            WebSocket = venue,
            Keys = () => TradingKeys.FromSettings(new Dictionary<string, string> { [TradingKeys.KeyVariable] = Hex.ToPrefixedString(key) }),
            CounterStart = CounterStart,
        };
    }

    /// <summary>The venue: the warm-up's own market at wall-clock times, a tick every 2 ms, until the first order post arrives (its cloid).</summary>
    private static async Task PlayUntilAnOrder(RawWebSocketSession session, TaskCompletionSource<string> firstOrder)
    {
        using var stop = new CancellationTokenSource();
        var play = Task.Run(async () =>
        {
            var market = new WarmUpVenue(AssetMeta.BtcPerp, "BTC", null);
            for (var tick = 0; !stop.IsCancellationRequested; tick++)
            {
                foreach (var message in market.Tick(tick, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()))
                    await session.WriteAsync(RawWebSocketSession.Frame(WebSocketOpcode.Text, message.Span));
                await Task.Delay(2, CancellationToken.None);
            }
        });
        try
        {
            while (true)
            {
                var (opcode, _, payload) = await session.ReadClientFrameAsync();
                if (opcode == WebSocketOpcode.Close) return;
                var text = Encoding.UTF8.GetString(payload);
                if (!text.Contains("\"method\":\"post\"", StringComparison.Ordinal)) continue;
                firstOrder.TrySetResult(Regex.Match(text, "\"c\":\"(0x[0-9a-fA-F]{32})\"").Groups[1].Value);
                return;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await play;
        }
    }
}
