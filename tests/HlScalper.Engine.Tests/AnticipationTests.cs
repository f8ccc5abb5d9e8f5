using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;

namespace HlScalper.Engine.Tests;

/// <summary>The strategy names its likely next entries before the trigger fires, exactly as it will send them, so they can be signed ahead.</summary>
public class AnticipationTests
{
    private sealed class RecordingAnticipator : IOrderAnticipator
    {
        public readonly OrderIntent?[] Slots = new OrderIntent?[5];

        public void Expect(int slot, in OrderIntent intent) => Slots[slot] = intent;

        public void Forget(int slot) => Slots[slot] = null;
    }

    [Test]
    public void The_entry_sent_when_the_trigger_fires_was_anticipated_on_the_book_before()
    {
        var h = new ScenarioHarness();
        var anticipator = new RecordingAnticipator();
        h.Runner.Anticipator = anticipator;

        // Balanced books, the second higher: momentum but no imbalance, so no entry, but both possible entries are named.
        h.Feed(StrategyEvents.Book(ScenarioHarness.T0, 90_000m, 90_004m));
        h.Feed(StrategyEvents.Book(ScenarioHarness.T0 + 500, 90_002m, 90_006m));
        Assert.That(h.Orders.Places, Is.Empty);
        var buy = anticipator.Slots[AnticipatedSlot.EntryBuy];
        var sell = anticipator.Slots[AnticipatedSlot.EntrySell];
        Assert.That(buy, Is.Not.Null);
        Assert.That(sell, Is.Not.Null);
        Assert.That(buy!.Value.Px.ToString(), Is.EqualTo("90003"));
        Assert.That(sell!.Value.Px.ToString(), Is.EqualTo("90005"));

        // Same touch, now bid-heavy: the long trigger fires and the entry sent is the one named before.
        h.Feed(StrategyEvents.Book(ScenarioHarness.T0 + 1_000, 90_002m, 90_006m, bidSz: 3m));
        var sent = h.Orders.Places.Single(o => o.Reason == IntentReason.Entry);
        Assert.Multiple(() =>
        {
            Assert.That(sent.Side, Is.EqualTo(Side.Buy));
            Assert.That(sent.Cloid, Is.EqualTo(buy.Value.Cloid));
            Assert.That(sent.Px, Is.EqualTo(buy.Value.Px));
            Assert.That(sent.Sz, Is.EqualTo(buy.Value.Sz));
            Assert.That(sent.Tif, Is.EqualTo(buy.Value.Tif));
        });

        // With the entry working: no second entry, but its cancel and the take-profit of a full fill are named.
        Assert.That(anticipator.Slots[AnticipatedSlot.EntryBuy], Is.Null);
        Assert.That(anticipator.Slots[AnticipatedSlot.EntrySell], Is.Null);
        var cancel = anticipator.Slots[AnticipatedSlot.CancelEntry];
        var tp = anticipator.Slots[AnticipatedSlot.TakeProfit];
        Assert.That(cancel?.Kind, Is.EqualTo(IntentKind.CancelByCloid));
        Assert.That(cancel?.Cloid, Is.EqualTo(sent.Cloid));

        h.Feed(StrategyEvents.Update(ScenarioHarness.T0 + 1_100, sent, OrderStatus.Open, oid: 7));
        h.Feed(StrategyEvents.Fill(ScenarioHarness.T0 + 1_200, sent));
        h.Feed(StrategyEvents.Update(ScenarioHarness.T0 + 1_200, sent, OrderStatus.Filled, oid: 7));
        var placed = h.Orders.Places.Single(o => o.Reason == IntentReason.TakeProfit);
        Assert.Multiple(() =>
        {
            Assert.That(placed.Cloid, Is.EqualTo(tp!.Value.Cloid));
            Assert.That(placed.Px, Is.EqualTo(tp.Value.Px));
            Assert.That(placed.Sz, Is.EqualTo(tp.Value.Sz));
            Assert.That(placed.Side, Is.EqualTo(tp.Value.Side));
            Assert.That(placed.ReduceOnly && placed.Tif == Tif.Alo, Is.True);
        });
        Assert.That(anticipator.Slots[AnticipatedSlot.CancelTakeProfit]?.Cloid, Is.EqualTo(placed.Cloid));
    }

    [Test]
    public void A_spread_too_narrow_to_enter_inside_anticipates_nothing()
    {
        var h = new ScenarioHarness();
        var anticipator = new RecordingAnticipator();
        h.Runner.Anticipator = anticipator;
        h.Feed(StrategyEvents.Book(ScenarioHarness.T0, 90_000m, 90_001m));
        Assert.That(anticipator.Slots, Is.All.Null);
    }
}
