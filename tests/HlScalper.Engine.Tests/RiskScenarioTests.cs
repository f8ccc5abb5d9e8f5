using HlScalper.Engine.Alarms;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Risk;
using HlScalper.Engine.Strategy;

namespace HlScalper.Engine.Tests;

/// <summary>Each risk guard in a scenario: what it vetoes, shrinks, cancels and flattens, and the alarms it raises.</summary>
public class RiskScenarioTests
{
    private const long T0 = ScenarioHarness.T0;

    private static long Equity(decimal usdc) => Fixed8.FromDecimal(usdc);

    [Test]
    public void Equity_stop_cancels_flattens_alarms_and_never_enters_again()
    {
        var h = new ScenarioHarness();
        h.OpenLong();
        var tp = h.PlacesFor(IntentReason.TakeProfit).Single();
        h.Feed(StrategyEvents.Control(T0 + 1_600, ControlCode.Equity, Equity(9_790m)));   // 2.1 % under the day's 10,000 peak

        var cancelAll = h.Orders.Cancels.Single();
        var flatten = h.PlacesFor(IntentReason.EquityStop).Single();
        Assert.Multiple(() =>
        {
            Assert.That(cancelAll.Kind, Is.EqualTo(IntentKind.CancelAll));
            Assert.That(cancelAll.Reason, Is.EqualTo(IntentReason.EquityStop));
            Assert.That(flatten.Tif, Is.EqualTo(Tif.Ioc));
            Assert.That(flatten.ReduceOnly, Is.True);
            Assert.That(flatten.Sz, Is.EqualTo(Sz.FromDecimal(0.00055m)));
            Assert.That(h.Alarms.Alarms.Single().Kind, Is.EqualTo(AlarmKind.EquityStop));
            Assert.That(h.Runner.Risk.EquityStopped, Is.True);
            Assert.That(h.Runner.Risk.Stopped, Is.False, "not flat yet");
        });

        h.Feed(StrategyEvents.Fill(T0 + 1_610, flatten, px: 90_002m));
        h.Feed(StrategyEvents.Update(T0 + 1_610, flatten, OrderStatus.Filled));
        h.Feed(StrategyEvents.Update(T0 + 1_620, tp, OrderStatus.Canceled));
        Assert.That(h.Runner.Risk.Stopped, Is.True, "flat with nothing working");

        var sent = h.Orders.Intents.Count;
        h.Feed(StrategyEvents.Control(T0 + 1_700, ControlCode.Equity, Equity(10_500m)));
        h.TriggerLong(T0 + 2_000);
        h.TriggerShort(T0 + 4_000);
        Assert.That(h.Orders.Intents, Has.Count.EqualTo(sent), "nothing at all after the stop, even with equity back");
        Assert.That(h.Stats.Exits(IntentReason.EquityStop), Is.EqualTo(1));
    }

    [Test]
    public void Equity_stop_also_fires_on_an_unrealized_loss_marked_to_mid()
    {
        var h = new ScenarioHarness("equity=100", "min_notional=0.4", "max_equity_pct=100", "kelly_fraction=1", "drawdown_pct=2");
        h.OpenLong();   // f* 0.1 × full Kelly × 100 USDC = 10 USDC of BTC at 90003 → 0.00011 BTC
        Assert.That(h.Runner.Risk.EquityStopped, Is.False);
        h.Feed(StrategyEvents.Book(T0 + 1_600, 70_000m, 70_004m));
        Assert.That(h.Runner.Risk.EquityStopped, Is.True, "a 20,000-dollar fall on 0.00011 BTC is 2.2 USDC: 2.2 % of 100");
    }

    [Test]
    public void Equity_is_the_reported_figure_plus_pnl_made_since_the_report()
    {
        var h = new ScenarioHarness();
        h.OpenLong();   // 0.00055 BTC at 90003, book mid 90004
        h.Feed(StrategyEvents.Control(T0 + 1_600, ControlCode.Equity, Equity(10_050m)));
        Assert.That(h.Stats.Equity, Is.EqualTo(10_050).Within(1e-9), "the report already holds the open position's PnL");
        h.Feed(StrategyEvents.Book(T0 + 1_700, 90_102m, 90_106m, bidSz: 3m));   // mid +100
        Assert.That(h.Stats.Equity, Is.EqualTo(10_050 + 100 * 0.00055).Within(1e-9));
    }

    [Test]
    public void Drawdown_is_measured_from_the_days_peak_and_the_peak_resets_at_the_utc_day()
    {
        var h = new ScenarioHarness();
        var dayStart = T0 - T0 % 86_400_000;
        h.Feed(StrategyEvents.Control(dayStart + 1_000, ControlCode.Equity, Equity(10_300m)));
        h.Feed(StrategyEvents.Control(dayStart + 2_000, ControlCode.Equity, Equity(10_100m)));
        Assert.That(h.Runner.Risk.EquityStopped, Is.False, "1.9 % under 10,300");
        Assert.That(h.Stats.PeakEquity, Is.EqualTo(10_300));
        h.Feed(StrategyEvents.Control(dayStart + 86_400_000, ControlCode.Equity, Equity(10_000m)));
        Assert.That(h.Stats.PeakEquity, Is.EqualTo(10_000), "new day, new peak");
        h.Feed(StrategyEvents.Control(dayStart + 86_401_000, ControlCode.Equity, Equity(9_799m)));
        Assert.That(h.Runner.Risk.EquityStopped, Is.True);
    }

    [Test]
    public void Stale_feed_cancels_working_orders_blocks_entries_alarms_once_and_recovers_on_the_next_book()
    {
        var h = new ScenarioHarness("stale_s=3", "entry_timeout_s=60");
        var entry = h.TriggerLong()!.Value;
        h.Feed(StrategyEvents.Timer(T0 + 4_000));
        Assert.That(h.Runner.Risk.IsStale, Is.False, "exactly 3 s of silence is not more than 3 s");
        h.Feed(StrategyEvents.Timer(T0 + 4_001));
        Assert.Multiple(() =>
        {
            Assert.That(h.Runner.Risk.IsStale, Is.True);
            Assert.That(h.Orders.Last.Kind, Is.EqualTo(IntentKind.CancelAll));
            Assert.That(h.Orders.Last.Reason, Is.EqualTo(IntentReason.StaleFeed));
            Assert.That(h.Alarms.Alarms.Single().Kind, Is.EqualTo(AlarmKind.StaleFeed));
        });
        h.Feed(StrategyEvents.Update(T0 + 4_100, entry, OrderStatus.Canceled));
        h.Feed(StrategyEvents.Timer(T0 + 5_000));
        Assert.That(h.Alarms.Alarms, Has.Count.EqualTo(1), "one alarm per stale episode");

        h.TriggerLong(T0 + 6_000);
        Assert.That(h.PlacesFor(IntentReason.Entry).Count(), Is.EqualTo(2), "books again: entries resume");
    }

    [Test]
    public void Feed_stale_signal_from_the_gateway_blocks_entries_until_a_book_arrives()
    {
        var h = new ScenarioHarness();
        h.Feed(StrategyEvents.Book(T0, 90_000m, 90_004m, bidSz: 3m));
        h.Feed(StrategyEvents.Control(T0 + 500, ControlCode.FeedStale));
        Assert.That(h.Runner.Risk.IsStale, Is.True);
        h.Feed(StrategyEvents.Book(T0 + 1_000, 90_002m, 90_006m, bidSz: 3m));
        Assert.That(h.PlacesFor(IntentReason.Entry).Count(), Is.EqualTo(1));
    }

    [Test]
    public void Dead_man_failures_block_entries_and_alarm_only_past_two()
    {
        var h = new ScenarioHarness();
        h.Feed(StrategyEvents.Control(T0, ControlCode.DeadManFailed, 1));
        Assert.That(h.TriggerLong(T0 + 100), Is.Null);
        Assert.That(h.Stats.Vetoes(VetoReason.EntriesHalted), Is.Zero, "the strategy does not even try");
        h.Feed(StrategyEvents.Control(T0 + 2_000, ControlCode.DeadManFailed, 2));
        Assert.That(h.Alarms.Alarms, Is.Empty);
        h.Feed(StrategyEvents.Control(T0 + 3_000, ControlCode.DeadManFailed, 3));
        h.Feed(StrategyEvents.Control(T0 + 4_000, ControlCode.DeadManFailed, 4));
        Assert.That(h.Alarms.Alarms.Single().Kind, Is.EqualTo(AlarmKind.DeadManFailures));
        Assert.That(h.Alarms.Alarms.Single().Value, Is.EqualTo(3));

        h.Feed(StrategyEvents.Control(T0 + 5_000, ControlCode.DeadManOk));
        Assert.That(h.TriggerLong(T0 + 6_000), Is.Not.Null);
    }

    [Test]
    public void Kill_switch_cancels_everything_alarms_and_blocks_entries_while_exits_still_close_the_position()
    {
        var h = new ScenarioHarness();
        h.OpenLong();
        h.Feed(StrategyEvents.Control(T0 + 1_600, ControlCode.KillSwitch));
        Assert.Multiple(() =>
        {
            Assert.That(h.Orders.Last.Kind, Is.EqualTo(IntentKind.CancelAll));
            Assert.That(h.Orders.Last.Reason, Is.EqualTo(IntentReason.KillSwitch));
            Assert.That(h.Alarms.Alarms.Single().Kind, Is.EqualTo(AlarmKind.KillSwitch));
        });
        h.Feed(StrategyEvents.Timer(T0 + 6_500));
        Assert.That(h.PlacesFor(IntentReason.TimeoutExit).Count(), Is.EqualTo(1));
        var exit = h.PlacesFor(IntentReason.TimeoutExit).Single();
        h.Feed(StrategyEvents.Fill(T0 + 6_510, exit, px: 90_002m));
        h.Feed(StrategyEvents.Update(T0 + 6_510, exit, OrderStatus.Filled));
        var sent = h.Orders.Intents.Count;
        h.TriggerLong(T0 + 7_000);
        Assert.That(h.Orders.Intents.Skip(sent).Where(i => i.Kind == IntentKind.Place), Is.Empty);
    }

    [Test]
    public void Shutdown_cancels_working_orders_and_sends_no_entry()
    {
        var h = new ScenarioHarness();
        h.TriggerLong();
        h.Feed(StrategyEvents.Control(T0 + 1_100, ControlCode.Shutdown));
        Assert.That(h.Orders.Last.Kind, Is.EqualTo(IntentKind.CancelAll));
        Assert.That(h.Orders.Last.Reason, Is.EqualTo(IntentReason.Shutdown));
    }

    [Test]
    public void Shutdown_that_leaves_the_position_keeps_exiting_on_timeout()
    {
        var h = new ScenarioHarness();
        h.OpenLong();
        h.Feed(StrategyEvents.Control(T0 + 1_600, ControlCode.Shutdown));
        h.Feed(StrategyEvents.Timer(T0 + 6_600));
        Assert.That(h.PlacesFor(IntentReason.TimeoutExit).Count(), Is.EqualTo(1), "no close-out flattens: the engine's own exits still go");
    }

    [Test]
    public void Shutdown_handed_to_a_flattening_close_out_sends_no_exit_even_on_timeout_or_equity_stop()
    {
        var h = new ScenarioHarness();
        h.OpenLong();
        h.Feed(StrategyEvents.Control(T0 + 1_600, ControlCode.Shutdown, value: 1));
        var cancelAll = h.Orders.Last;
        h.Feed(StrategyEvents.Timer(T0 + 6_600));
        h.Feed(StrategyEvents.Book(T0 + 6_700, 89_000m, 89_004m));
        h.Feed(StrategyEvents.Control(T0 + 6_800, ControlCode.Equity, Equity(9_000m)));
        Assert.Multiple(() =>
        {
            Assert.That(cancelAll.Kind, Is.EqualTo(IntentKind.CancelAll), "the take-profit still goes");
            Assert.That(cancelAll.Reason, Is.EqualTo(IntentReason.Shutdown));
            Assert.That(h.Runner.Risk.EquityStopped, Is.True);
            Assert.That(h.Orders.Places.Where(o => o.Tif == Tif.Ioc), Is.Empty, "past the timeout, 1,000 ticks adverse and under the equity stop: the close-out's IOC is the only one");
        });
    }

    [Test]
    public void Feed_reset_distrusts_the_book_until_the_next_snapshot()
    {
        var h = new ScenarioHarness();
        var entry = h.TriggerLong()!.Value;
        h.Feed(StrategyEvents.Control(T0 + 1_100, ControlCode.FeedReset));
        Assert.That(h.Orders.Last.Reason, Is.EqualTo(IntentReason.EntryStale));
        h.Feed(StrategyEvents.Update(T0 + 1_200, entry, OrderStatus.Canceled));
        h.Feed(StrategyEvents.Timer(T0 + 1_300));
        Assert.That(h.PlacesFor(IntentReason.Entry).Count(), Is.EqualTo(1), "no entry on an untrusted book");
    }

    [Test]
    public void Max_position_notional_shrinks_an_entry_to_fit_and_vetoes_one_that_cannot()
    {
        var shrunk = new ScenarioHarness("max_pos_usd=30").TriggerLong()!.Value;
        Assert.That(shrunk.Sz, Is.EqualTo(Sz.FromDecimal(0.00033m)), "30 / 90003 → 0.00033 BTC (29.70 USDC)");

        var h = new ScenarioHarness("max_pos_usd=9");
        Assert.That(h.TriggerLong(), Is.Null);
        Assert.Multiple(() =>
        {
            Assert.That(h.Stats.Vetoes(VetoReason.MaxPositionNotional), Is.EqualTo(1));
            Assert.That(h.Stats.Skips(SkipReason.RiskVeto), Is.EqualTo(1));
        });
    }

    [Test]
    public void Max_open_orders_vetoes_an_entry_while_that_many_orders_are_live()
    {
        var config = new EngineConfig().With("max_open_orders=1");
        var sink = new RecordingOrderSink();
        var orders = new OrderTable();
        var stats = new EngineStats();
        var risk = new RiskGuards(config.Risk, AssetMeta.BtcPerp, 10, 0, new PositionTracker(), orders, sink, NullAlarmSink.Instance, stats);
        var entry = new OrderIntent { Kind = IntentKind.Place, Side = Side.Buy, Tif = Tif.Alo, Px = Px.FromDecimal(90_000m), Sz = Sz.FromDecimal(0.0005m) };

        Assert.That(risk.Submit(ref entry, T0), Is.True);
        orders.Add().Live = true;
        Assert.That(risk.Submit(ref entry, T0), Is.False);
        Assert.That(stats.Vetoes(VetoReason.MaxOpenOrders), Is.EqualTo(1));
        Assert.That(sink.Intents, Has.Count.EqualTo(1));
    }

    [Test]
    public void Reduce_only_orders_are_shrunk_to_the_position_and_refused_without_one()
    {
        var config = new EngineConfig();
        var sink = new RecordingOrderSink();
        var position = new PositionTracker();
        var risk = new RiskGuards(config.Risk, AssetMeta.BtcPerp, 10, 0, position, new OrderTable(), sink, NullAlarmSink.Instance, new EngineStats());
        var exit = new OrderIntent { Kind = IntentKind.Place, Side = Side.Sell, Tif = Tif.Ioc, ReduceOnly = true, Px = Px.FromDecimal(90_000m), Sz = Sz.FromDecimal(0.001m) };
        Assert.That(risk.Submit(ref exit, T0), Is.False, "flat: nothing to reduce");

        position.Apply(Side.Buy, Px.FromDecimal(90_000m).Raw, Sz.FromDecimal(0.0004m).Raw, 0, T0);
        Assert.That(risk.Submit(ref exit, T0), Is.True);
        Assert.That(sink.Last.Sz, Is.EqualTo(Sz.FromDecimal(0.0004m)));
        var wrongSide = exit with { };
        wrongSide.Side = Side.Buy;
        Assert.That(risk.Submit(ref wrongSide, T0), Is.False, "a reduce-only buy cannot reduce a long");
    }

    [Test]
    public void Cancels_past_ten_in_a_rolling_second_are_held_back_and_sent_when_a_token_returns()
    {
        // Entries time out after 1 ms and are rejected at once, so the strategy would cancel on every event; the throttle holds it to 10 a second.
        var h = new ScenarioHarness("entry_timeout_s=0.001");
        h.TriggerLong();
        for (var i = 0; i < 40; i++)
        {
            var t = T0 + 1_001 + i * 50;
            var live = h.PlacesFor(IntentReason.Entry).Last();
            h.Feed(StrategyEvents.Timer(t));
            h.Feed(StrategyEvents.Update(t + 1, live, OrderStatus.Canceled));
            h.Feed(StrategyEvents.Book(t + 2, 90_002m + i, 90_006m + i, bidSz: 3m));
        }
        var times = h.Orders.Cancels.Select(c => c.DecisionTimeMs).ToList();
        Assert.That(times, Has.Count.GreaterThan(10));
        for (var i = 10; i < times.Count; i++)
            Assert.That(times[i] - times[i - 10], Is.GreaterThanOrEqualTo(1_000), $"cancels {i - 10}..{i} within one second");
    }
}
