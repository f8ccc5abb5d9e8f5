using HlScalper.Engine.Alarms;
using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;

namespace HlScalper.Engine.Tests;

/// <summary>A cancel the exchange refused because the order had filled first is no refused order: nothing counted as a reject, nothing backed off, the fill still opens the position.</summary>
public class CancelMissTests
{
    private const long T0 = ScenarioHarness.T0;

    [Test]
    public void A_cancel_that_lost_the_race_with_the_fill_is_a_cancel_miss_and_the_fill_still_counts()
    {
        var h = new ScenarioHarness();
        var entry = h.TriggerLong() ?? throw new AssertionException("no entry");
        h.Feed(StrategyEvents.Update(T0 + 1_100, entry, OrderStatus.Open, oid: 11));
        var t = T0 + 1_200;
        while (!h.Orders.Cancels.Any(c => c.Cloid == entry.Cloid) && t < T0 + 60_000) h.Feed(StrategyEvents.Timer(t += 100));
        Assert.That(h.Orders.Cancels.Count(c => c.Cloid == entry.Cloid), Is.EqualTo(1), "the entry timed out and was cancelled");

        // The fill reached the exchange first: the cancel's answer says the order is no longer open, then the fill arrives.
        h.Feed(StrategyEvents.Update(t + 5, entry, OrderStatus.CancelRejected));
        h.Feed(StrategyEvents.Fill(t + 6, entry));
        h.Feed(StrategyEvents.Update(t + 6, entry, OrderStatus.Filled, oid: 11));

        Assert.Multiple(() =>
        {
            Assert.That(h.Stats.Rejects, Is.Zero, "not a reject");
            Assert.That(h.Stats.CancelMisses, Is.EqualTo(1));
            Assert.That(h.Stats.Fills, Is.EqualTo(1));
            Assert.That(h.Runner.Position.SizeRaw, Is.EqualTo(entry.Sz.Raw), "the fill opened the position");
            Assert.That(h.PlacesFor(IntentReason.TakeProfit).Count(), Is.EqualTo(1), "and the runner manages it");
            Assert.That(h.Alarms.Alarms.Where(a => a.Kind == AlarmKind.OrderRefused), Is.Empty);
            Assert.That(h.Stats.ToString(), Does.Contain("cancel_misses=1 rejects=0"));
        });
    }

    [Test]
    public void A_refused_cancel_is_neither_terminal_nor_a_reject()
    {
        Assert.That((OrderStatus.CancelRejected.IsTerminal(), OrderStatus.CancelRejected.IsReject(), OrderStatus.CancelRejected.IsCancel()), Is.EqualTo((false, false, false)));
        Assert.That(OrderStatus.TooManyOpenOrdersRejected.IsReject(), Is.True, "the statuses before it keep their meaning");
    }
}
