using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;

namespace HlScalper.Engine.Tests;

/// <summary>A runner that takes over a position and orders it did not send (a restart): it manages their exits and never enters beside them.</summary>
public class SlotRunnerAdoptTests
{
    private const long T0 = ScenarioHarness.T0;
    private const ulong Prefix = 0x484C_5343_414C_5052;
    private static readonly long Size = Sz.FromDecimal(0.001m).Raw;

    [Test]
    public void An_adopted_long_gets_its_take_profit_and_no_entry_is_sent_while_it_is_open()
    {
        var h = new ScenarioHarness();
        Assert.That(h.Runner.AdoptPosition(Size, Px.FromDecimal(90_000m).Raw, T0), Is.True);

        // Bid-heavy, rising books: the long trigger holds, but the slot is taken.
        h.TriggerLong(T0 + 100, bid: 90_000m);
        Assert.Multiple(() =>
        {
            Assert.That(h.PlacesFor(IntentReason.Entry), Is.Empty, "no second entry beside the adopted position");
            var tp = h.PlacesFor(IntentReason.TakeProfit).Single();
            Assert.That((tp.Side, tp.ReduceOnly, tp.Px, tp.Sz.Raw), Is.EqualTo((Side.Sell, true, Px.FromDecimal(90_002m), Size)));
            Assert.That(h.Stats.Position, Is.EqualTo(0.001m));
        });
    }

    [Test]
    public void An_adopted_position_is_closed_at_its_timeout_counted_from_when_it_opened()
    {
        var h = new ScenarioHarness();
        h.Runner.AdoptPosition(Size, Px.FromDecimal(90_000m).Raw, openedMs: T0 - 4_000);
        h.Feed(StrategyEvents.Book(T0, 90_000m, 90_004m));
        Assert.That(h.PlacesFor(IntentReason.TimeoutExit), Is.Empty, "4 s old");

        h.Feed(StrategyEvents.Timer(T0 + 1_000));
        var exit = h.PlacesFor(IntentReason.TimeoutExit).Single();
        Assert.Multiple(() =>
        {
            Assert.That((exit.Side, exit.Tif, exit.ReduceOnly, exit.Sz.Raw), Is.EqualTo((Side.Sell, Tif.Ioc, true, Size)));
            Assert.That(h.Orders.Cancels.Select(c => c.Reason), Does.Contain(IntentReason.TimeoutExit), "the take-profit is cancelled");
        });
    }

    [Test]
    public void An_adopted_short_is_closed_on_an_adverse_move()
    {
        var h = new ScenarioHarness("timeout_s=600");
        h.Runner.AdoptPosition(-Size, Px.FromDecimal(90_000m).Raw, T0);
        h.Feed(StrategyEvents.Book(T0 + 100, 89_998m, 90_002m));
        Assert.That(h.PlacesFor(IntentReason.AdverseExit), Is.Empty, "2 ticks against");

        h.Feed(StrategyEvents.Book(T0 + 200, 90_001m, 90_004m));
        var exit = h.PlacesFor(IntentReason.AdverseExit).Single();
        Assert.That((exit.Side, exit.ReduceOnly, exit.Sz.Raw), Is.EqualTo((Side.Buy, true, Size)));
    }

    [Test]
    public void An_adopted_take_profit_is_not_doubled_and_its_fill_closes_the_trip()
    {
        var h = new ScenarioHarness();
        var cloid = Cloid.FromPrefix(Prefix, 7);
        h.Runner.AdoptPosition(Size, Px.FromDecimal(90_000m).Raw, T0);
        Assert.That(h.Runner.AdoptOrder(cloid, 55, Side.Sell, Px.FromDecimal(90_002m).Raw, Size, reduceOnly: true, placedMs: T0), Is.True);
        h.Feed(StrategyEvents.Book(T0 + 100, 90_000m, 90_004m));
        Assert.That(h.Orders.Places, Is.Empty, "the adopted take-profit works; nothing new");

        var tp = new OrderIntent { Coin = 0, Cloid = cloid, Side = Side.Sell, Px = Px.FromDecimal(90_002m), Sz = new Sz(Size) };
        h.Feed(StrategyEvents.Fill(T0 + 200, tp));
        Assert.Multiple(() =>
        {
            Assert.That(h.Stats.Position, Is.Zero);
            Assert.That(h.Stats.Trades, Is.EqualTo(1));
            Assert.That(h.Stats.Exits(IntentReason.TakeProfit), Is.EqualTo(1));
        });
    }

    [Test]
    public void An_old_adopted_entry_while_flat_is_cancelled_and_a_new_one_follows_only_after_it_is_gone()
    {
        var h = new ScenarioHarness();
        var cloid = Cloid.FromPrefix(Prefix, 9);
        h.Runner.AdoptOrder(cloid, 77, Side.Buy, Px.FromDecimal(89_990m).Raw, Size, reduceOnly: false, placedMs: T0 - 60_000);
        h.TriggerLong(T0);
        var cancel = h.Orders.Cancels.Single();
        Assert.Multiple(() =>
        {
            Assert.That((cancel.Kind, cancel.Cloid, cancel.Reason), Is.EqualTo((IntentKind.CancelByCloid, cloid, IntentReason.EntryTimeout)));
            Assert.That(h.PlacesFor(IntentReason.Entry), Is.Empty, "the adopted entry still holds the slot");
        });

        var adopted = new OrderIntent { Coin = 0, Cloid = cloid, Side = Side.Buy };
        h.Feed(StrategyEvents.Update(T0 + 1_100, adopted, OrderStatus.Canceled, oid: 77));
        h.TriggerLong(T0 + 2_000);
        Assert.That(h.PlacesFor(IntentReason.Entry), Has.Exactly(1).Items, "the slot is free again");
    }

    [Test]
    public void An_account_sync_through_the_ring_adopts_our_orders_and_position_and_drops_ours_the_exchange_no_longer_lists()
    {
        var h = new ScenarioHarness($"cloid_prefix=0x{Prefix:x16}");
        var entry = h.TriggerLong() ?? throw new AssertionException("no entry");
        var snapshotMs = T0 + 10_000;

        var tp = Snapshot(snapshotMs, Cloid.FromPrefix(Prefix, 1_000), Side.Sell, 90_005m, reduceOnly: true);
        var foreign = Snapshot(snapshotMs, Cloid.FromPrefix(0xBEEF, 1), Side.Buy, 89_000m, reduceOnly: false);
        h.Feed(tp);
        h.Feed(foreign);
        var sync = new MarketEvent();
        sync.Reset(EventKind.Control, 0, snapshotMs);
        sync.Control = ControlCode.AccountSync;
        sync.StartPosition = new Sz(Size);
        sync.Px = Px.FromDecimal(90_003m);
        sync.Tid = T0 + 9_000;
        h.Feed(sync);

        Assert.Multiple(() =>
        {
            Assert.That(h.Stats.Position, Is.EqualTo(0.001m));
            Assert.That(h.Runner.Position.OpenedMs, Is.EqualTo(T0 + 9_000));
            Assert.That(h.Runner.Orders.All.ToArray().Where(o => o.Live).Select(o => o.Cloid), Is.EquivalentTo(new[] { tp.Cloid }),
                "the lost entry is dropped, the foreign order ignored, the take-profit adopted");
            Assert.That(h.Orders.Places.Count(p => p.Reason == IntentReason.TakeProfit), Is.Zero, "no second take-profit");
            Assert.That(h.Orders.Cancels.Where(c => c.Cloid == tp.Cloid), Is.Empty, "the adopted take-profit is kept, not cancelled as a flat runner's would be");
        });
        Assert.That(entry.Cloid, Is.Not.EqualTo(tp.Cloid));
    }

    [Test]
    public void A_cancel_lost_on_a_dropped_socket_is_sent_again_once_a_resync_lists_the_order_as_working()
    {
        var h = new ScenarioHarness($"cloid_prefix=0x{Prefix:x16}");
        var entry = h.TriggerLong() ?? throw new AssertionException("no entry");
        h.Feed(StrategyEvents.Update(T0 + 1_100, entry, OrderStatus.Open, oid: 11));
        h.Feed(StrategyEvents.Timer(T0 + 3_500));
        Assert.That(h.Orders.Cancels.Count(c => c.Cloid == entry.Cloid), Is.EqualTo(1), "the entry timed out");

        // The cancel never left; after the reconnect the exchange still lists the entry.
        var snapshotMs = T0 + 6_000;
        var listed = Snapshot(snapshotMs, entry.Cloid, Side.Buy, 90_003m, reduceOnly: false);
        h.Feed(listed);
        var sync = new MarketEvent();
        sync.Reset(EventKind.Control, 0, snapshotMs);
        sync.Control = ControlCode.AccountSync;
        h.Feed(sync);

        Assert.That(h.Orders.Cancels.Count(c => c.Cloid == entry.Cloid), Is.EqualTo(2), "cancelled again");
    }

    private static MarketEvent Snapshot(long timeMs, Cloid cloid, Side side, decimal px, bool reduceOnly)
    {
        var e = new MarketEvent();
        e.Reset(EventKind.OrderUpdate, 0, timeMs);
        e.Cloid = cloid;
        e.Oid = 1;
        e.Side = side;
        e.Px = Px.FromDecimal(px);
        e.Sz = new Sz(Size);
        e.Status = OrderStatus.Open;
        e.Value = timeMs - 1_000;
        e.Flags = EventFlags.Snapshot | EventFlags.HasCloid | (reduceOnly ? EventFlags.ReduceOnly : EventFlags.None);
        return e;
    }
}
