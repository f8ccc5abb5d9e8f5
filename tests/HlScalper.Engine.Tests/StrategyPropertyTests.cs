using CsCheck;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Risk;
using HlScalper.Engine.Strategy;
using HlScalper.Replay.Scripted;

namespace HlScalper.Engine.Tests;

/// <summary>
/// Random but valid event sequences (books, timers, acks, fills, post-only and margin rejects, cancels, dead-man, equity,
/// stale, reset, kill and shutdown signals) through the real handler; every intent is checked when it is sent.
/// </summary>
public class StrategyPropertyTests
{
    /// <summary>Markets with different ticks: BTC (tick 1), an ETH-like 0.1 tick, a 25-dollar coin (0.001), and a coin walking across 10 where the tick changes.</summary>
    private static readonly (AssetMeta Asset, decimal Bid)[] Markets =
    [
        (AssetMeta.BtcPerp, 90_000m),
        (new AssetMeta("ETH", 1, 4, 25), 3_000m),
        (new AssetMeta("SOL", 5, 2, 20), 25m),
        (new AssetMeta("TEN", 7, 0, 10), 9.99m),
    ];

    private static readonly Gen<(int Market, (uint Op, uint A, uint B)[] Steps)> Sequences =
        Gen.Select(Gen.Int[0, Markets.Length - 1], Gen.Select(Gen.UInt, Gen.UInt, Gen.UInt).Array[20, 600]);

    [Test]
    public void Every_intent_obeys_the_rules_positions_never_outlive_their_exits_and_cancels_stay_under_the_limit()
    {
        var reasons = new Dictionary<IntentReason, int>();
        long trades = 0, stops = 0;
        Sequences.Sample((market, steps) =>
        {
            var (workload, checker) = Run(market, steps);
            lock (reasons)
            {
                    foreach (var (reason, n) in checker.PlacesByReason) reasons[reason] = reasons.GetValueOrDefault(reason) + n;
                trades += workload.Runner.Stats.Trades;
                if (workload.Runner.Risk.EquityStopped) stops++;
            }
        }, iter: 150);

        // The generator must reach every path, or the checks above prove little.
        Assert.Multiple(() =>
        {
            foreach (var r in new[] { IntentReason.Entry, IntentReason.TakeProfit, IntentReason.TimeoutExit, IntentReason.AdverseExit, IntentReason.EquityStop })
                Assert.That(reasons.GetValueOrDefault(r), Is.GreaterThan(0), $"no {r} order in any sequence");
            Assert.That(trades, Is.GreaterThan(0));
            Assert.That(stops, Is.GreaterThan(0));
        });
    }

    [Test]
    public void A_fast_market_with_instant_entry_timeouts_never_gets_more_than_ten_cancels_into_a_rolling_second()
    {
        var throttled = 0L;
        Sequences.Sample((market, steps) =>
        {
            // Refusals are left out here: each one backs entries off for 250 ms or more (RefusalBackoff), which keeps a few seconds of
            // market under ten cancels a second and would leave the throttle untested.
            var withoutRefusals = steps.Select(s => s.Op % 16 == 14 ? (s.Op + 2, s.A, s.B) : s).ToArray();
            var (workload, checker) = Run(market, withoutRefusals, fast: true, "entry_timeout_s=0.001", "prior_n=1000000000");
            Interlocked.Add(ref throttled, workload.Runner.Stats.Vetoes(VetoReason.CancelThrottle));
            Assert.That(checker.CancelTimes, Has.Count.EqualTo(workload.Runner.Stats.TotalCancels));
        }, iter: 100);
        Assert.That(throttled, Is.GreaterThan(0), "the sequences never pressed against the limit");
    }

    [Test]
    public void The_same_events_give_the_same_decisions()
    {
        Sequences.Sample((market, steps) =>
        {
            var (a, _) = Run(market, steps);
            var (b, _) = Run(market, steps);
            Assert.That(b.Runner.Stats.ToString(), Is.EqualTo(a.Runner.Stats.ToString()));
            Assert.That(b.Exchange.Places, Is.EqualTo(a.Exchange.Places));
            Assert.That(b.Runner.Stats.KellyF, Is.EqualTo(a.Runner.Stats.KellyF));
        }, iter: 30);
    }

    private static (StrategyWorkload, IntentRulesChecker) Run(int market, (uint Op, uint A, uint B)[] steps, bool fast = false, params string[] settings)
    {
        var (asset, bid) = Markets[market];
        var workload = new StrategyWorkload(asset, Fixed8.FromDecimal(bid), new EngineConfig().With(settings));
        if (fast) (workload.BookStepMs, workload.TimerStepMs, workload.TerminalControls) = (20, 50, false);
        var checker = new IntentRulesChecker(workload);
        foreach (var (op, a, b) in steps)
        {
            workload.Step(op, a, b);
            checker.CheckNotHeldPastLimits();
        }
        for (var i = 10; i < checker.CancelTimes.Count; i++)
            Assert.That(checker.CancelTimes[i] - checker.CancelTimes[i - 10], Is.GreaterThanOrEqualTo(1_000), "more than 10 cancels in a rolling second");
        return (workload, checker);
    }
}
