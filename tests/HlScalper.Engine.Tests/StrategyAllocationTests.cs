using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Strategy;
using HlScalper.Replay.Scripted;

namespace HlScalper.Engine.Tests;

/// <summary>The per-event path (book, signals, strategy, risk, and the exchange answering) allocates nothing after warm-up.</summary>
public class StrategyAllocationTests
{
    [Test]
    public void Hundred_thousand_events_through_signals_strategy_and_risk_allocate_zero_bytes()
    {
        // Taker fees of ~40 BTC ticks soon drive the learned Kelly fraction below zero and the engine stops entering;
        // a prior weighing a billion trades keeps it trading so every path stays under measurement.
        var config = new EngineConfig().With("prior_n=1000000000");
        var workload = new StrategyWorkload(AssetMeta.BtcPerp, Fixed8.FromDecimal(90_000m), config) { TerminalControls = false };
        var random = new XorShift(42);
        workload.Run(ref random, 20_000);
        var stats = workload.Runner.Stats;
        var startEvents = stats.Events;
        var startEntries = stats.Entries;
        var startTrades = stats.Trades;

        var before = GC.GetAllocatedBytesForCurrentThread();
        while (stats.Events - startEvents < 100_000) workload.Step(random.Next(), random.Next(), random.Next());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Multiple(() =>
        {
            Assert.That(allocated, Is.Zero);
            // The measured stretch must exercise the whole path: entries, fills, exits and cancels.
            Assert.That(stats.Entries - startEntries, Is.GreaterThan(100));
            Assert.That(stats.Trades - startTrades, Is.GreaterThan(20));
            Assert.That(stats.Exits(IntentReason.TakeProfit) + stats.Exits(IntentReason.TimeoutExit) + stats.Exits(IntentReason.AdverseExit), Is.GreaterThan(0));
            Assert.That(stats.TotalCancels, Is.GreaterThan(0));
        });
    }
}
