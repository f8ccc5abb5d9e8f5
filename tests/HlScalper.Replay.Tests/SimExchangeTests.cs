using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;
using HlScalper.Replay.Exchange;
using static HlScalper.Testing.MarketEvents;

namespace HlScalper.Replay.Tests;

public class SimExchangeTests
{
    private static OrderIntent Place(Side side, long px, long lots, Tif tif = Tif.Alo, bool reduceOnly = false, long time = 1_000, ulong cloid = 1) => new()
    {
        Kind = IntentKind.Place, Side = side, Px = new(px * Usd), Sz = new(lots * Lot), Tif = tif, ReduceOnly = reduceOnly,
        Cloid = Cloid.FromPrefix(7, cloid), DecisionTimeMs = time, Reason = IntentReason.Entry,
    };

    private static (SimExchange Exchange, EventList Out) Exchange(FillModel fill = FillModel.Queue, long latency = 0, long jitter = 0)
    {
        var exchange = new SimExchange(new SimExchangeConfig { Fill = fill, LatencyMs = latency, LatencyJitterMs = jitter, QueueRule = QueueRule.RiskAverse }, 1);
        var output = new EventList();
        var sink = output.Sink;
        var book = Book(1_000, 100, 101, 10);
        exchange.OnMarket(in book, ref sink);
        return (exchange, output);
    }

    private static void Send(SimExchange exchange, EventList output, in OrderIntent intent)
    {
        exchange.Submit(in intent);
        exchange.AcceptSubmitted();
        var sink = output.Sink;
        while (exchange.NextArrivalMs != long.MaxValue) exchange.ProcessNextArrival(ref sink);
    }

    private static void Market(SimExchange exchange, EventList output, MarketEvent e)
    {
        var sink = output.Sink;
        exchange.OnMarket(in e, ref sink);
    }

    [Test]
    public void Acks_arrive_after_the_latency_with_the_exchange_time_and_jitter_is_seeded()
    {
        var (exchange, output) = Exchange(latency: 40, jitter: 10);
        Send(exchange, output, Place(Side.Buy, 100, 1, time: 2_000));
        var ack = output.Events.Single();
        Assert.That(ack.Kind, Is.EqualTo(EventKind.OrderUpdate));
        Assert.That(ack.Status, Is.EqualTo(OrderStatus.Open));
        Assert.That(ack.ExchangeTimeMs, Is.InRange(2_040, 2_050));
        Assert.That(ack.Cloid, Is.EqualTo(Cloid.FromPrefix(7, 1)));

        var (again, output2) = Exchange(latency: 40, jitter: 10);
        Send(again, output2, Place(Side.Buy, 100, 1, time: 2_000));
        Assert.That(output2.Events.Single().ExchangeTimeMs, Is.EqualTo(ack.ExchangeTimeMs));
    }

    [Test]
    public void Post_only_that_would_cross_is_rejected_and_rests_otherwise()
    {
        var (exchange, output) = Exchange();
        Send(exchange, output, Place(Side.Buy, 101, 1));
        Send(exchange, output, Place(Side.Sell, 100, 1, cloid: 2));
        Send(exchange, output, Place(Side.Sell, 101, 1, cloid: 3));
        Assert.That(output.Events.Select(e => e.Status), Is.EqualTo(new[] { OrderStatus.BadAloPxRejected, OrderStatus.BadAloPxRejected, OrderStatus.Open }));
        Assert.That(exchange.OpenOrderCount, Is.EqualTo(1));
        Assert.That(exchange.Counters.Rejected, Is.EqualTo(2));
    }

    [Test]
    public void Ioc_takes_the_book_up_to_its_limit_pays_taker_fee_and_cancels_the_rest()
    {
        var (exchange, output) = Exchange();
        Send(exchange, output, Place(Side.Buy, 102, 25, Tif.Ioc));
        var fills = output.OfKind(EventKind.Fill).ToList();
        Assert.That(fills.Select(f => f.Px.Raw / Usd), Is.EqualTo(new[] { 101L, 102L }));
        Assert.That(fills.Select(f => f.Sz.Raw / Lot), Is.EqualTo(new[] { 10L, 10L }));
        Assert.That(fills.All(f => (f.Flags & EventFlags.Crossed) != 0), Is.True);
        // 10 lots = 0.0001 BTC at 101 USD × 0.045 % = 0.000004545 USD = 454.5 raw, rounded toward zero.
        Assert.That(fills[0].Fee, Is.EqualTo(454));
        Assert.That(output.Events.Last().Status, Is.EqualTo(OrderStatus.Canceled));
        Assert.That(exchange.PositionOf(0).SizeRaw, Is.EqualTo(20 * Lot));
    }

    [Test]
    public void Ioc_that_cannot_trade_is_rejected()
    {
        var (exchange, output) = Exchange();
        Send(exchange, output, Place(Side.Buy, 100, 1, Tif.Ioc));
        Assert.That(output.Events.Single().Status, Is.EqualTo(OrderStatus.IocCancelRejected));
    }

    [Test]
    public void Reduce_only_is_rejected_when_flat_and_clipped_to_the_position()
    {
        var (exchange, output) = Exchange();
        Send(exchange, output, Place(Side.Sell, 105, 1, reduceOnly: true));
        Assert.That(output.Events.Single().Status, Is.EqualTo(OrderStatus.ReduceOnlyRejected));

        Send(exchange, output, Place(Side.Buy, 101, 3, Tif.Ioc, cloid: 2));
        output.Events.Clear();
        Send(exchange, output, Place(Side.Sell, 105, 9, reduceOnly: true, cloid: 3));
        Assert.That(output.Events.Single().Status, Is.EqualTo(OrderStatus.Open));
        Assert.That(output.Events.Single().Sz.Raw, Is.EqualTo(3 * Lot));
        Market(exchange, output, Trade(2_000, 106, 50, Side.Buy));
        var fill = output.OfKind(EventKind.Fill).Single();
        Assert.That(fill.Sz.Raw, Is.EqualTo(3 * Lot));
        // Bought 0.00003 BTC at 101, sold at 105: 0.00012 USD closed; maker fee 0.015 % on 0.00315 USD = 47.25 raw.
        Assert.That(fill.ClosedPnl, Is.EqualTo(12_000));
        Assert.That(fill.Fee, Is.EqualTo(47));
        Assert.That(exchange.PositionOf(0).IsFlat, Is.True);
    }

    [Test]
    public void Queue_order_waits_behind_the_visible_size_and_fills_partially()
    {
        var (exchange, output) = Exchange();
        Send(exchange, output, Place(Side.Buy, 100, 5));
        output.Events.Clear();
        Market(exchange, output, Trade(2_000, 100, 8, Side.Sell));
        Assert.That(output.OfKind(EventKind.Fill), Is.Empty, "10 lots ahead, 8 traded");
        Market(exchange, output, Trade(2_100, 100, 4, Side.Sell));
        var fill = output.OfKind(EventKind.Fill).Single();
        Assert.That(fill.Sz.Raw, Is.EqualTo(2 * Lot), "2 lots ahead, 4 traded: 2 reach us");
        Assert.That(fill.Status, Is.EqualTo(OrderStatus.Open));
        Market(exchange, output, Trade(2_200, 99, 1, Side.Sell));
        Assert.That(output.OfKind(EventKind.Fill).Last().Sz.Raw, Is.EqualTo(3 * Lot), "a trade through the price takes the rest");
        Assert.That(output.Events.Last().Status, Is.EqualTo(OrderStatus.Filled));
        Assert.That(exchange.Counters.FilledOrders, Is.EqualTo(1));
        Assert.That(exchange.Counters.Fills, Is.EqualTo(2));
    }

    [Test]
    public void Touch_fills_on_the_first_trade_at_the_price()
    {
        var (exchange, output) = Exchange(FillModel.Touch);
        Send(exchange, output, Place(Side.Buy, 100, 5));
        Market(exchange, output, Trade(2_000, 100, 1, Side.Sell));
        Assert.That(output.OfKind(EventKind.Fill).Single().Sz.Raw, Is.EqualTo(5 * Lot));
    }

    [Test]
    public void A_book_crossing_the_order_fills_it_as_maker_at_its_price()
    {
        var (exchange, output) = Exchange();
        Send(exchange, output, Place(Side.Buy, 100, 5));
        Market(exchange, output, Book(2_000, 99, 100, 10));
        var fill = output.OfKind(EventKind.Fill).Single();
        Assert.That(fill.Px.Raw, Is.EqualTo(100 * Usd));
        Assert.That(fill.Flags & EventFlags.Crossed, Is.EqualTo(EventFlags.None));
    }

    [Test]
    public void Risk_averse_queue_only_shrinks_to_the_level_size_on_cancels()
    {
        var (exchange, output) = Exchange();
        Send(exchange, output, Place(Side.Buy, 100, 5));
        Market(exchange, output, Book(2_000, 100, 101, 10, bestBidLots: 3));
        output.Events.Clear();
        Market(exchange, output, Trade(2_100, 100, 4, Side.Sell));
        Assert.That(output.OfKind(EventKind.Fill).Single().Sz.Raw, Is.EqualTo(1 * Lot));
    }

    [Test]
    public void Cancels_remove_working_orders_and_count_misses()
    {
        var (exchange, output) = Exchange();
        Send(exchange, output, Place(Side.Buy, 100, 5));
        Send(exchange, output, new OrderIntent { Kind = IntentKind.CancelByCloid, Cloid = Cloid.FromPrefix(7, 1), DecisionTimeMs = 1_500 });
        Send(exchange, output, new OrderIntent { Kind = IntentKind.CancelByCloid, Cloid = Cloid.FromPrefix(7, 1), DecisionTimeMs = 1_600 });
        Assert.That(output.Events.Last().Status, Is.EqualTo(OrderStatus.Canceled));
        Assert.That(exchange.OpenOrderCount, Is.Zero);
        Assert.That(exchange.Counters.Cancels, Is.EqualTo(1));
        Assert.That(exchange.Counters.CancelMisses, Is.EqualTo(1));
    }

    [Test]
    public void Probabilistic_queue_rules_move_us_forward_on_cancels_but_never_past_the_level()
    {
        // 10 ahead, 10 behind, 10 cancelled: power-2 splits it evenly, log too; risk-averse keeps us at 10.
        Assert.That(QueuePosition.AfterDepthChange(10 * Lot, 20 * Lot, 10 * Lot, 0, QueueRule.RiskAverse, 2), Is.EqualTo(10 * Lot));
        Assert.That(QueuePosition.AfterDepthChange(10 * Lot, 20 * Lot, 10 * Lot, 0, QueueRule.ProbPower, 2), Is.EqualTo(5 * Lot).Within(1));
        Assert.That(QueuePosition.AfterDepthChange(10 * Lot, 20 * Lot, 10 * Lot, 0, QueueRule.ProbLog, 2), Is.EqualTo(5 * Lot).Within(1));
        // Few ahead, many behind: most cancels are behind us.
        Assert.That(QueuePosition.AfterDepthChange(2 * Lot, 20 * Lot, 10 * Lot, 0, QueueRule.ProbPower, 2), Is.InRange(1.8 * Lot, 2.0 * Lot));
        // Decreases explained by trades are not cancels.
        Assert.That(QueuePosition.AfterDepthChange(6 * Lot, 20 * Lot, 16 * Lot, 4 * Lot, QueueRule.ProbPower, 2), Is.EqualTo(6 * Lot));
        Assert.That(QueuePosition.AfterDepthChange(6 * Lot, 20 * Lot, 1 * Lot, 0, QueueRule.ProbLog, 2), Is.LessThanOrEqualTo(1 * Lot));
    }
}
