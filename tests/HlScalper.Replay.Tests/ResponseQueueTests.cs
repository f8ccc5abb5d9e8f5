using CsCheck;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Replay.Exchange;
using static HlScalper.Testing.MarketEvents;

namespace HlScalper.Replay.Tests;

/// <summary>The exchange's queues (answers on their way back, intents in flight) start small and grow to their cap without losing or reordering anything, and refuse past it.</summary>
public class ResponseQueueTests
{
    [Test]
    public void Answers_come_out_in_their_order_and_at_their_due_times_across_every_growth_and_wrap()
    {
        // Each step publishes up to 12 answers or delivers the next due group; a cap of 64 over a start of 16 grows the
        // queue while its head is mid-array, the case that must keep the order.
        Gen.Select(Gen.Bool, Gen.Int[1, 12], Gen.Long[0, 3]).Array[1, 120].Sample(steps =>
        {
            var queue = new ResponseQueue(64);
            var model = new Queue<(long Due, long Tag)>();
            var output = new EventList();
            var sink = output.Sink;
            long tag = 0, due = 0;
            foreach (var (publish, count, step) in steps)
            {
                if (publish && model.Count + count <= 64)
                {
                    due += step;
                    for (var i = 0; i < count; i++)
                    {
                        ref var e = ref queue.Claim();
                        e.Reset(EventKind.OrderUpdate, 0, due);
                        e.Oid = ++tag;
                        queue.Publish(due);
                        model.Enqueue((due, tag));
                    }
                }
                else if (model.Count > 0)
                {
                    output.Events.Clear();
                    queue.DeliverNext(ref sink);
                    var first = model.Peek().Due;
                    if (output.Events[0].Kind != EventKind.Timer || output.Events[0].ExchangeTimeMs != first) return false;
                    foreach (var answer in output.Events.Skip(1))
                        if (model.Dequeue() is var (d, t) && (d != first || answer.Oid != t)) return false;
                    if (model.Count > 0 && model.Peek().Due == first) return false;
                }
                if (queue.NextDueMs != (model.Count == 0 ? long.MaxValue : model.Peek().Due) || queue.Capacity > 64) return false;
            }
            return true;
        }, iter: 500);
    }

    [Test]
    public void A_queue_starts_small_and_refuses_one_answer_past_its_cap_naming_it()
    {
        var queue = new ResponseQueue(40);
        Assert.That(queue.Capacity, Is.EqualTo(16));
        for (var i = 0; i < 40; i++)
        {
            queue.Claim().Reset(EventKind.OrderUpdate, 0, i);
            queue.Publish(i);
        }
        Assert.That(queue.Capacity, Is.EqualTo(40));
        Assert.That(() => queue.Claim(), Throws.InvalidOperationException.With.Message.Contains("more than 40 answers"));
    }

    [Test]
    public void The_exchange_takes_intents_up_to_max_in_flight_past_its_first_arrays_in_their_order_and_refuses_the_next()
    {
        var exchange = new SimExchange(new SimExchangeConfig { LatencyMs = 50, LatencyJitterMs = 0, MaxInFlight = 100 }, 1);
        var output = new EventList();
        var sink = output.Sink;
        var book = Book(0, 100, 101, 50);
        exchange.OnMarket(in book, ref sink);
        for (var i = 0; i < 100; i++)
            exchange.Submit(new OrderIntent { Kind = IntentKind.Place, Side = Side.Buy, Tif = Tif.Alo, Px = new(99 * Usd), Sz = new(Lot), Cloid = new(1, (ulong)i + 1), DecisionTimeMs = i });
        Assert.That(() => exchange.Submit(new OrderIntent { Kind = IntentKind.Place, DecisionTimeMs = 100 }),
            Throws.InvalidOperationException.With.Message.Contains("more than 100 intents submitted"));
        exchange.AcceptSubmitted();
        exchange.Submit(new OrderIntent { Kind = IntentKind.Place, DecisionTimeMs = 100 });
        Assert.That(() => exchange.AcceptSubmitted(), Throws.InvalidOperationException.With.Message.Contains("more than 100 intents in flight"));
        var arrivals = new List<long>();
        while (exchange.NextArrivalMs != long.MaxValue)
        {
            arrivals.Add(exchange.NextArrivalMs);
            exchange.ProcessNextArrival(ref sink);
        }
        Assert.That(arrivals, Is.EqualTo(Enumerable.Range(0, 100).Select(i => i + 50L)));
        Assert.That((exchange.Counters.Placed, exchange.Counters.Rejected), Is.EqualTo((100L, 36L)), "all 100 arrive; past the 64 resting orders of MaxOpenOrders they are refused");
    }
}
