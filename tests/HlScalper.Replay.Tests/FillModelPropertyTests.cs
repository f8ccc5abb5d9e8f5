using CsCheck;
using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;
using HlScalper.Replay.Exchange;
using static HlScalper.Testing.MarketEvents;

namespace HlScalper.Replay.Tests;

/// <summary>Fill-model invariants over random books and trades around one resting buy at 100 behind a visible queue.</summary>
public class FillModelPropertyTests
{
    private const long OrderPx = 100;
    private const long OrderLots = 30;

    /// <summary>One market step: a trade (price offset from the order, aggressor, size) or a book (best bid/ask offsets, size at our level).</summary>
    public readonly record struct Step(bool IsTrade, int PxOffset, bool SellAggressor, long Lots, int AskOffset, long LevelLots);

    private static readonly Gen<Step> AnyStep = Gen.Select(Gen.Bool, Gen.Int[-2, 3], Gen.Bool, Gen.Long[1, 40], Gen.Int[0, 3], Gen.Long[0, 60])
        .Select((trade, px, sell, lots, ask, level) => new Step(trade, px, sell, lots, ask, level));

    /// <summary>Steps that never reach through the order: trades at or above its price, books that do not cross it.</summary>
    private static readonly Gen<Step> AtOrAboveStep = AnyStep.Select(s => s with { PxOffset = Math.Abs(s.PxOffset), AskOffset = Math.Max(1, s.AskOffset) });

    private static readonly Gen<(long Queue, Step[] Steps)> Scenario = Gen.Select(Gen.Long[0, 60], AnyStep.Array[1, 40]);
    private static readonly Gen<(long Queue, Step[] Steps)> QueueScenario = Gen.Select(Gen.Long[0, 60], AtOrAboveStep.Array[1, 40]);

    private static MarketEvent ToEvent(Step s, long time) => s.IsTrade
        ? Trade(time, OrderPx + s.PxOffset, s.Lots, s.SellAggressor ? Side.Sell : Side.Buy)
        : Book(time, OrderPx, OrderPx + s.AskOffset, 20, bestBidLots: s.LevelLots);

    /// <summary>Runs the scenario; returns the lots filled by each step.</summary>
    private static long[] Run(FillModel model, QueueRule rule, long queueLots, Step[] steps)
    {
        var exchange = new SimExchange(new SimExchangeConfig { Fill = model, QueueRule = rule, LatencyMs = 0, LatencyJitterMs = 0 }, 1);
        var output = new EventList();
        var sink = output.Sink;
        var book = Book(0, OrderPx, OrderPx + 1, 20, bestBidLots: queueLots);
        exchange.OnMarket(in book, ref sink);
        exchange.Submit(new OrderIntent { Kind = IntentKind.Place, Side = Side.Buy, Tif = Tif.Alo, Px = new(OrderPx * Usd), Sz = new(OrderLots * Lot), DecisionTimeMs = 0 });
        exchange.AcceptSubmitted();
        exchange.ProcessNextArrival(ref sink);
        if (output.Events.Single().Status != OrderStatus.Open) throw new InvalidOperationException("the order must rest");
        var filled = new long[steps.Length];
        for (var i = 0; i < steps.Length; i++)
        {
            output.Events.Clear();
            var e = ToEvent(steps[i], i + 1);
            exchange.OnMarket(in e, ref sink);
            filled[i] = output.OfKind(EventKind.Fill).Sum(f => f.Sz.Raw) / Lot;
        }
        return filled;
    }

    [Test]
    public void A_queue_fill_never_comes_before_traded_volume_at_the_price_exceeds_the_queue_ahead()
    {
        QueueScenario.Sample((queue, steps) =>
        {
            foreach (var rule in new[] { QueueRule.RiskAverse, QueueRule.ProbPower, QueueRule.ProbLog })
            {
                var filled = Run(FillModel.Queue, rule, queue, steps);
                // The queue ahead can only shrink by traded volume at our price and by the part of a level's
                // decrease that trades do not explain (cancels); risk-averse credits cancels only down to the level size.
                long traded = 0, cancelled = 0, total = 0, level = queue, tradedSinceBook = 0, minLevel = queue;
                for (var i = 0; i < steps.Length; i++)
                {
                    var s = steps[i];
                    if (s.IsTrade && s.PxOffset == 0 && s.SellAggressor)
                    {
                        traded += s.Lots;
                        tradedSinceBook += s.Lots;
                    }
                    else if (!s.IsTrade)
                    {
                        cancelled += Math.Max(0, level - s.LevelLots - tradedSinceBook);
                        minLevel = Math.Min(minLevel, s.LevelLots);
                        level = s.LevelLots;
                        tradedSinceBook = 0;
                    }
                    total += filled[i];
                    var ahead = rule == QueueRule.RiskAverse ? Math.Min(queue, minLevel) : Math.Max(0, queue - cancelled);
                    if (total > Math.Max(0, traded - ahead)) return false;
                }
            }
            return true;
        }, iter: 400);
    }

    [Test]
    public void Touch_fills_at_least_as_much_and_as_early_as_queue()
    {
        Scenario.Sample((queue, steps) =>
        {
            var touch = Run(FillModel.Touch, QueueRule.RiskAverse, queue, steps);
            foreach (var rule in new[] { QueueRule.RiskAverse, QueueRule.ProbPower, QueueRule.ProbLog })
            {
                var byQueue = Run(FillModel.Queue, rule, queue, steps);
                long touchTotal = 0, queueTotal = 0;
                for (var i = 0; i < steps.Length; i++)
                {
                    touchTotal += touch[i];
                    queueTotal += byQueue[i];
                    if (touchTotal < queueTotal) return false;
                }
            }
            return true;
        }, iter: 300);
    }

    [Test]
    public void No_fill_without_a_price_that_reaches_the_order()
    {
        Scenario.Sample((queue, steps) =>
        {
            foreach (var model in new[] { FillModel.Touch, FillModel.Queue })
            {
                var filled = Run(model, QueueRule.ProbPower, queue, steps);
                for (var i = 0; i < steps.Length; i++)
                {
                    var s = steps[i];
                    var reaches = s.IsTrade ? s.PxOffset <= 0 : s.AskOffset <= 0;
                    if (filled[i] > 0 && !reaches) return false;
                }
            }
            return true;
        }, iter: 300);
    }
}
