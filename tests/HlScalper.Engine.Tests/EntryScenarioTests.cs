using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Strategy;

namespace HlScalper.Engine.Tests;

/// <summary>Entries: trigger, price one tick inside, size, skips, and the cancels of an entry that no longer makes sense.</summary>
public class EntryScenarioTests
{
    [Test]
    public void Long_trigger_sends_a_post_only_buy_one_tick_above_the_bid_sized_at_half_a_percent_of_equity()
    {
        var h = new ScenarioHarness();
        var entry = h.TriggerLong();

        Assert.That(entry, Is.Not.Null);
        var e = entry!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(e.Side, Is.EqualTo(Side.Buy));
            Assert.That(e.Tif, Is.EqualTo(Tif.Alo));
            Assert.That(e.ReduceOnly, Is.False);
            Assert.That(e.Px, Is.EqualTo(Px.FromDecimal(90_003m)), "best bid 90002 + one tick");
            // min(f* 0.1 × half-Kelly × 10,000, 0.5 % × 10,000) = 50 USDC → 50 / 90003 = 0.000555… → 0.00055 BTC
            Assert.That(e.Sz, Is.EqualTo(Sz.FromDecimal(0.00055m)));
            Assert.That(e.Cloid.HasPrefix(h.Config.Strategy.CloidPrefix), Is.True);
            Assert.That(e.DecisionTimeMs, Is.EqualTo(ScenarioHarness.T0 + 1_000));
            Assert.That(h.Stats.Entries, Is.EqualTo(1));
        });
    }

    [Test]
    public void Short_trigger_sends_a_post_only_sell_one_tick_below_the_ask()
    {
        var h = new ScenarioHarness();
        var e = h.TriggerShort()!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(e.Side, Is.EqualTo(Side.Sell));
            Assert.That(e.Tif, Is.EqualTo(Tif.Alo));
            Assert.That(e.Px, Is.EqualTo(Px.FromDecimal(90_001m)), "best ask 89998 + 4 − 1 tick");
        });
    }

    [Test]
    public void A_first_book_alone_has_no_momentum_and_sends_nothing()
    {
        var h = new ScenarioHarness();
        h.Feed(StrategyEvents.Book(ScenarioHarness.T0, 90_000m, 90_004m, bidSz: 3m));
        Assert.That(h.Orders.Intents, Is.Empty);
    }

    [TestCase("direction=short")]
    [TestCase("imbalance=0.8")]
    [TestCase("spread_bps=0.4")]
    public void Long_setup_is_ignored_when_a_trigger_condition_is_off(string setting)
    {
        var h = new ScenarioHarness(setting);
        Assert.That(h.TriggerLong(), Is.Null);
    }

    [Test]
    public void A_one_tick_spread_cannot_hold_an_order_strictly_inside_and_is_skipped()
    {
        var h = new ScenarioHarness();
        Assert.That(h.TriggerLong(spread: 1m), Is.Null);
        Assert.That(h.Stats.Skips(SkipReason.SpreadTooNarrow), Is.EqualTo(1));
    }

    [Test]
    public void Tick_follows_the_price_rules_at_the_price_not_a_fixed_step()
    {
        // Below 10,000 a BTC price may carry one decimal: one tick inside 9,999.0 is 9,999.1.
        var h = new ScenarioHarness();
        var e = h.TriggerLong(bid: 9_997m, spread: 1m)!.Value;
        Assert.That(e.Px, Is.EqualTo(Px.FromDecimal(9_999.1m)));
    }

    [Test]
    public void Entry_below_the_10_usdc_minimum_is_skipped_and_counted()
    {
        var h = new ScenarioHarness("equity=1000");
        Assert.That(h.TriggerLong(), Is.Null);
        Assert.That(h.Stats.Skips(SkipReason.BelowMinNotional), Is.EqualTo(1));
    }

    [Test]
    public void Entry_with_a_non_positive_kelly_fraction_is_skipped_and_counted()
    {
        var h = new ScenarioHarness("prior_p=0.6");
        Assert.That(h.TriggerLong(), Is.Null);
        Assert.Multiple(() =>
        {
            Assert.That(h.Stats.KellyF, Is.LessThan(0));
            Assert.That(h.Stats.Skips(SkipReason.KellyNotPositive), Is.EqualTo(1));
        });
    }

    [Test]
    public void Kelly_below_the_cap_sizes_the_entry()
    {
        var h = new ScenarioHarness("kelly_fraction=0.04", "equity=100000");
        var e = h.TriggerLong()!.Value;
        // 0.1 × 0.04 × 100,000 = 400 USDC < 0.5 % × 100,000 = 500 → 400 / 90003 → 0.00444 BTC
        Assert.That(e.Sz, Is.EqualTo(Sz.FromDecimal(0.00444m)));
    }

    [Test]
    public void Unfilled_entry_is_cancelled_by_cloid_when_the_trigger_stops_holding()
    {
        var h = new ScenarioHarness();
        var entry = h.TriggerLong()!.Value;
        h.Feed(StrategyEvents.Book(ScenarioHarness.T0 + 1_200, 90_002m, 90_006m, askSz: 3m));
        var cancel = h.Orders.Last;
        Assert.Multiple(() =>
        {
            Assert.That(cancel.Kind, Is.EqualTo(IntentKind.CancelByCloid));
            Assert.That(cancel.Cloid, Is.EqualTo(entry.Cloid));
            Assert.That(cancel.Reason, Is.EqualTo(IntentReason.EntryStale));
            Assert.That(h.Stats.Cancels(IntentReason.EntryStale), Is.EqualTo(1));
        });
    }

    [Test]
    public void Unfilled_entry_is_cancelled_after_the_entry_timeout_even_on_a_quiet_market()
    {
        var h = new ScenarioHarness("entry_timeout_s=2");
        var entry = h.TriggerLong()!.Value;
        h.Feed(StrategyEvents.Timer(ScenarioHarness.T0 + 2_999));
        Assert.That(h.Orders.Cancels, Is.Empty, "1.999 s after sending");
        h.Feed(StrategyEvents.Timer(ScenarioHarness.T0 + 3_000));
        Assert.That(h.Orders.Last.Kind, Is.EqualTo(IntentKind.CancelByCloid));
        Assert.That(h.Orders.Last.Reason, Is.EqualTo(IntentReason.EntryTimeout));
        Assert.That(h.Orders.Last.Cloid, Is.EqualTo(entry.Cloid));
    }

    [Test]
    public void The_slot_takes_no_second_entry_until_the_first_is_terminal()
    {
        var h = new ScenarioHarness();
        var entry = h.TriggerLong()!.Value;
        h.Feed(StrategyEvents.Timer(ScenarioHarness.T0 + 3_000));  // entry timeout → cancel sent
        h.Feed(StrategyEvents.Book(ScenarioHarness.T0 + 3_100, 90_004m, 90_008m, bidSz: 3m));
        Assert.That(h.PlacesFor(IntentReason.Entry).Count(), Is.EqualTo(1), "cancel not yet confirmed");
        h.Feed(StrategyEvents.Update(ScenarioHarness.T0 + 3_200, entry, OrderStatus.Canceled));
        h.Feed(StrategyEvents.Book(ScenarioHarness.T0 + 3_300, 90_006m, 90_010m, bidSz: 3m));
        var entries = h.PlacesFor(IntentReason.Entry).ToList();
        Assert.That(entries, Has.Count.EqualTo(2));
        Assert.That(entries[1].Cloid, Is.Not.EqualTo(entries[0].Cloid));
    }

    [Test]
    public void Rejected_entry_frees_the_slot_and_is_counted()
    {
        var h = new ScenarioHarness();
        var entry = h.TriggerLong()!.Value;
        h.Feed(StrategyEvents.Update(ScenarioHarness.T0 + 1_100, entry, OrderStatus.BadAloPxRejected));
        // After the refusal's backoff: the next entry may go.
        h.Feed(StrategyEvents.Book(ScenarioHarness.T0 + 1_100 + RefusalBackoff.BaseMs, 90_004m, 90_008m, bidSz: 3m));
        Assert.Multiple(() =>
        {
            Assert.That(h.Stats.Rejects, Is.EqualTo(1));
            Assert.That(h.PlacesFor(IntentReason.Entry).Count(), Is.EqualTo(2));
        });
    }

    [Test]
    public void Events_of_another_coin_do_not_touch_this_coins_book()
    {
        var h = new ScenarioHarness();
        h.Feed(StrategyEvents.Book(ScenarioHarness.T0, 90_000m, 90_004m, bidSz: 3m, coin: 1));
        h.Feed(StrategyEvents.Book(ScenarioHarness.T0 + 1_000, 90_002m, 90_006m, bidSz: 3m, coin: 1));
        Assert.That(h.Runner.Book.IsTrusted, Is.False);
        Assert.That(h.Orders.Intents, Is.Empty);
    }
}
