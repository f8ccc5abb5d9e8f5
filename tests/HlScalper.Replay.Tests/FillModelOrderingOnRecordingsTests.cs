using CsCheck;
using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;
using HlScalper.Replay.Data;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Exchange;

namespace HlScalper.Replay.Tests;

/// <summary>
/// The fill models' order over the real recordings: the same resting orders, placed and cancelled at the same
/// times, fill at least as much and no later under <c>touch</c> as under any <c>queue</c> rule.
/// </summary>
/// <remarks>
/// A strategy run cannot be compared this way (a fill changes what the strategy does next), and its <c>fills</c>
/// counter cannot either: a queue fill arrives in slices (a trade eats the queue ahead and part of our order),
/// so on derived BTC with <c>prior_n=1000000</c> queue shows 31 fill events for the same 28 filled orders that
/// touch fills whole in 28, for less volume. Orders are compared here by what filled and when.
/// </remarks>
public class FillModelOrderingOnRecordingsTests
{
    private static readonly Dictionary<string, EventTape> Tapes = [];

    /// <summary>One scripted order: placed after event <c>At</c> (a share of the window), <c>Depth</c> levels behind the best on its side, cancelled <c>LifeMs</c> later.</summary>
    public readonly record struct ScriptedOrder(double At, bool Buy, int Depth, int Lots, int LifeMs);

    private static readonly Gen<(double Start, ScriptedOrder[] Orders)> Script = Gen.Select(
        Gen.Double[0, 0.8],
        Gen.Select(Gen.Double[0, 1], Gen.Bool, Gen.Int[0, 2], Gen.Int[1, 200], Gen.Int[200, 30_000])
            .Select((at, buy, depth, lots, life) => new ScriptedOrder(at, buy, depth, lots, life)).Array[1, 30]);

    [TestCase("BTC")]
    [TestCase("ETH")]
    [TestCase("SOL")]
    public async Task Touch_fills_every_order_at_least_as_much_and_as_early_as_each_queue_rule(string coin)
    {
        var tape = await TapeOf(coin);
        Script.Sample((start, orders) =>
        {
            var touch = Run(tape, start, orders, FillModel.Touch, QueueRule.RiskAverse);
            foreach (var rule in new[] { QueueRule.RiskAverse, QueueRule.ProbPower, QueueRule.ProbLog })
            {
                var queue = Run(tape, start, orders, FillModel.Queue, rule);
                if (touch.Notional < queue.Notional) return false;
                for (var i = 0; i < orders.Length; i++)
                {
                    if (touch.Filled[i] < queue.Filled[i]) return false;
                    if (queue.Filled[i] > 0 && touch.FirstFillMs[i] > queue.FirstFillMs[i]) return false;
                }
            }
            return true;
        }, iter: 60);
    }

    [Test]
    public async Task The_real_scripts_do_fill_orders_under_queue_so_the_comparison_is_not_vacuous()
    {
        var tape = await TapeOf("BTC");
        var filledByQueue = 0L;
        Script.Sample((start, orders) => filledByQueue += Run(tape, start, orders, FillModel.Queue, QueueRule.RiskAverse).Filled.Count(f => f > 0), iter: 60);
        Assert.That(filledByQueue, Is.GreaterThan(0), "some scripted order must fill under queue somewhere in 60 scripts");
    }

    private sealed record Outcome(long[] Filled, long[] FirstFillMs, Int128 Notional);

    /// <summary>Replays a window of 4,000 events from <paramref name="start"/> (a share of the tape) through an exchange with no latency, placing and cancelling the scripted orders.</summary>
    private static Outcome Run(EventTape tape, double start, ScriptedOrder[] orders, FillModel model, QueueRule rule)
    {
        var exchange = new SimExchange(new SimExchangeConfig { Fill = model, QueueRule = rule, LatencyMs = 0, LatencyJitterMs = 0 }, 1);
        var output = new EventList();
        var sink = output.Sink;
        var first = (int)(start * tape.Count);
        var count = Math.Min(4_000, tape.Count - first);
        var placeAt = orders.Select(o => first + (int)(o.At * (count - 1))).ToArray();
        var cancelAt = new long[orders.Length];
        Array.Fill(cancelAt, long.MaxValue);
        var filled = new long[orders.Length];
        var firstFill = new long[orders.Length];
        Array.Fill(firstFill, long.MaxValue);
        for (var i = first; i < first + count; i++)
        {
            ref readonly var e = ref tape.Events[i];
            for (var k = 0; k < orders.Length; k++)
                if (cancelAt[k] <= e.ExchangeTimeMs)
                {
                    exchange.Submit(new OrderIntent { Kind = IntentKind.CancelByCloid, Cloid = CloidOf(k), DecisionTimeMs = e.ExchangeTimeMs });
                    cancelAt[k] = long.MaxValue;
                }
            Drain(exchange, ref sink);
            exchange.OnMarket(in e, ref sink);
            for (var k = 0; k < orders.Length; k++)
                if (placeAt[k] == i && PriceOf(in e, orders[k]) is var px and > 0)
                {
                    exchange.Submit(new OrderIntent
                    {
                        Kind = IntentKind.Place, Side = orders[k].Buy ? Side.Buy : Side.Sell, Tif = Tif.Alo, Px = new(px),
                        Sz = new(orders[k].Lots * 100_000L), Cloid = CloidOf(k), DecisionTimeMs = e.ExchangeTimeMs,
                    });
                    cancelAt[k] = e.ExchangeTimeMs + orders[k].LifeMs;
                }
            Drain(exchange, ref sink);
            foreach (var f in output.OfKind(EventKind.Fill))
            {
                var k = (int)f.Cloid.Lo;
                filled[k] += f.Sz.Raw;
                firstFill[k] = Math.Min(firstFill[k], f.ExchangeTimeMs);
            }
            output.Events.Clear();
        }
        return new Outcome(filled, firstFill, exchange.Counters.FilledNotionalRaw);
    }

    private static void Drain(SimExchange exchange, ref ListSink sink)
    {
        exchange.AcceptSubmitted();
        while (exchange.NextArrivalMs != long.MaxValue) exchange.ProcessNextArrival(ref sink);
    }

    private static Cloid CloidOf(int k) => new(0x5343524950540000UL, (ulong)k);

    /// <summary>The price of a real level of the last book, <c>Depth</c> behind the best on the order's side; 0 when the event is no book or the level is absent.</summary>
    private static long PriceOf(in MarketEvent e, ScriptedOrder o)
    {
        if (e.Kind != EventKind.Book) return 0;
        if (o.Buy) return o.Depth < e.BidCount ? e.Bids[o.Depth].Px.Raw : 0;
        return o.Depth < e.AskCount ? e.Asks[o.Depth].Px.Raw : 0;
    }

    private static async Task<EventTape> TapeOf(string coin)
    {
        var path = SharedData.PathOf(Recordings.Derived(coin));
        lock (Tapes)
            if (Tapes.TryGetValue(coin, out var cached)) return cached;
        var tape = (await TickLoader.LoadAsync([path], coin, strict: false, _ => { })).Tape;
        lock (Tapes) Tapes[coin] = tape;
        return tape;
    }
}
