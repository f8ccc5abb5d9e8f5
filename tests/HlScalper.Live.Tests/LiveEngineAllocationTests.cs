using System.Diagnostics;
using HlScalper.Engine.Events;
using HlScalper.Engine.Metrics;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Strategy;
using HlScalper.Live.Latency;
using HlScalper.Live.Pipeline;
using HlScalper.Replay.Scripted;

namespace HlScalper.Live.Tests;

/// <summary>The live engine's path — its handler (tick context), the slot runner and the timing sink (tick-to-trade histogram, log queue) — allocates nothing after warm-up.</summary>
public class LiveEngineAllocationTests
{
    /// <param name="staged">With the latency harness's stage stamps (<see cref="PipelineStages"/>) taken on the way.</param>
    [TestCase(false)]
    [TestCase(true)]
    public void Hundred_thousand_events_through_the_live_handler_and_timing_sink_allocate_zero_bytes(bool staged)
    {
        var context = new TickContext();
        var tickToTrade = new LatencyHistogram("tick-to-trade");
        var sent = new IntentQueue();
        var stages = staged ? new PipelineStages() : null;
        var config = new EngineConfig().With("prior_n=1000000000");
        var workload = new StrategyWorkload(AssetMeta.BtcPerp, Fixed8.FromDecimal(90_000m), config,
            orders: exchange => new TimedOrderSink(exchange, context, tickToTrade, sent, TimeProvider.System, stages: stages)) { TerminalControls = false };
        var handler = new LiveEngineHandler(workload.Runner, context, new LatencyHistogram("wire-to-decision"), stages: stages);
        workload.Consumer = (ref MarketEvent e) =>
        {
            e.ReceiveTimestamp = Stopwatch.GetTimestamp();
            handler.OnEvent(ref e, 0, true);
        };
        var random = new XorShift(42);
        workload.Run(ref random, 20_000);
        var stats = workload.Runner.Stats;
        var startEvents = stats.Events;
        var startEntries = stats.Entries;
        var startSamples = tickToTrade.Count;
        while (sent.TryDequeue(out _)) { }
        var startDropped = sent.Dropped;

        var before = GC.GetAllocatedBytesForCurrentThread();
        while (stats.Events - startEvents < 100_000)
        {
            workload.Step(random.Next(), random.Next(), random.Next());
            // Keep the log queue moving as the log thread would, so enqueueing (not dropping) is what is measured.
            while (sent.TryDequeue(out _)) { }
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Multiple(() =>
        {
            Assert.That(allocated, Is.Zero);
            Assert.That(stats.Entries - startEntries, Is.GreaterThan(100), "entries were sent through the timing sink");
            Assert.That(tickToTrade.Count - startSamples, Is.GreaterThan(100), "tick-to-trade was recorded");
            Assert.That(sent.Dropped, Is.EqualTo(startDropped), "every intent was queued for the log");
            if (stages is not null)
            {
                Assert.That(stages.EngineToDecision.Count, Is.EqualTo(tickToTrade.Count), "every timed order's engine → decision stage was recorded");
                Assert.That(stages.WireToEngine.Count, Is.GreaterThan(1_000), "books' wire → engine stage was recorded");
            }
        });
    }
}
