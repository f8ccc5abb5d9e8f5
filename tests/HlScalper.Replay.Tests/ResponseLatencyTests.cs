using CsCheck;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Exchange;
using static HlScalper.Testing.MarketEvents;

namespace HlScalper.Replay.Tests;

/// <summary>The response-latency model: the exchange's answers reach the engine a constant plus a seeded jitter after the exchange acted, in the order they were sent.</summary>
public class ResponseLatencyTests
{
    private static readonly EventTape Tape = ReplayHarness.SyntheticTape(900_000, seed: 3);

    private static OrderIntent Buy(long px, long time, ulong cloid) =>
        new() { Kind = IntentKind.Place, Side = Side.Buy, Tif = Tif.Alo, Px = new(px * Usd), Sz = new(10 * Lot), Cloid = new(1, cloid), DecisionTimeMs = time };

    [Test]
    public void An_ack_reaches_the_engine_after_the_response_latency_led_by_a_timer_at_that_time()
    {
        var exchange = new SimExchange(new SimExchangeConfig { LatencyMs = 10, LatencyJitterMs = 0, ResponseMs = 30 }, 1);
        var output = new EventList();
        var sink = output.Sink;
        var book = Book(0, 100, 101, 50);
        exchange.OnMarket(in book, ref sink);
        exchange.Submit(Buy(99, 0, 1));
        exchange.AcceptSubmitted();
        exchange.ProcessNextArrival(ref sink);
        Assert.That(output.Events, Is.Empty, "the exchange acted at 10; nothing has reached the engine yet");
        Assert.That(exchange.NextResponseMs, Is.EqualTo(40));
        exchange.DeliverNextResponse(ref sink);
        Assert.That(output.Events.Select(e => (e.Kind, e.ExchangeTimeMs)), Is.EqualTo(new[] { (EventKind.Timer, 40L), (EventKind.OrderUpdate, 10L) }));
        Assert.That(exchange.NextResponseMs, Is.EqualTo(long.MaxValue));
    }

    [Test]
    public void Answers_never_overtake_each_other_and_each_arrives_within_the_model_s_bounds()
    {
        Gen.Select(Gen.Long[0, 50], Gen.Long[0, 80], Gen.Long[1, 20].Array[1, 30], Gen.ULong).Sample((constant, jitter, gaps, seed) =>
        {
            var exchange = new SimExchange(new SimExchangeConfig { LatencyMs = 0, LatencyJitterMs = 0, ResponseMs = constant, ResponseJitterMs = jitter, ResponseSeed = seed }, 1);
            var output = new EventList();
            var sink = output.Sink;
            var book = Book(0, 100, 101, 50);
            exchange.OnMarket(in book, ref sink);
            var time = 0L;
            for (var i = 0; i < gaps.Length; i++)
            {
                time += gaps[i];
                exchange.Submit(Buy(99 - i % 3, time, (ulong)i + 1));
                exchange.AcceptSubmitted();
                exchange.ProcessNextArrival(ref sink);
            }
            var lastDue = long.MinValue;
            while (exchange.NextResponseMs != long.MaxValue)
            {
                output.Events.Clear();
                exchange.DeliverNextResponse(ref sink);
                var due = output.Events[0].ExchangeTimeMs;
                if (due < lastDue) return false;
                lastDue = due;
                foreach (var answer in output.Events.Skip(1))
                    if (due < answer.ExchangeTimeMs + constant) return false;
            }
            return true;
        }, iter: 200);
    }

    [Test]
    public void Answers_keep_their_sending_order()
    {
        var exchange = new SimExchange(new SimExchangeConfig { LatencyMs = 0, LatencyJitterMs = 0, ResponseMs = 5, ResponseJitterMs = 200 }, 1);
        var output = new EventList();
        var sink = output.Sink;
        var book = Book(0, 100, 101, 50);
        exchange.OnMarket(in book, ref sink);
        for (var i = 0; i < 40; i++)
        {
            exchange.Submit(Buy(98, i, (ulong)i + 1));
            exchange.AcceptSubmitted();
            exchange.ProcessNextArrival(ref sink);
        }
        while (exchange.NextResponseMs != long.MaxValue) exchange.DeliverNextResponse(ref sink);
        Assert.That(output.OfKind(EventKind.OrderUpdate).Select(e => e.Cloid.Lo), Is.EqualTo(Enumerable.Range(1, 40).Select(i => (ulong)i)));
    }

    [Test]
    public void With_response_latency_both_driver_modes_see_the_same_stream_and_the_latency_changes_the_outcome()
    {
        var config = new SimExchangeConfig { LatencyMs = 30, LatencyJitterMs = 40, ResponseMs = 40, ResponseJitterMs = 60 };
        var inline = ReplayHarness.Run(Tape, config, threaded: false);
        var again = ReplayHarness.Run(Tape, config, threaded: false);
        var threaded = ReplayHarness.Run(Tape, config, threaded: true);
        var immediate = ReplayHarness.Run(Tape, config with { ResponseMs = 0, ResponseJitterMs = 0 }, threaded: false);

        Assert.That(inline.State.Placed, Is.GreaterThan(20), "the script must trade");
        Assert.That(again.State.Checksum, Is.EqualTo(inline.State.Checksum));
        Assert.That(threaded.Published, Is.EqualTo(inline.Published));
        Assert.That(threaded.State.Checksum, Is.EqualTo(inline.State.Checksum));
        Assert.That(threaded.Exchange.Ledger.Trades, Is.EqualTo(inline.Exchange.Ledger.Trades));
        Assert.That(inline.State.Checksum, Is.Not.EqualTo(immediate.State.Checksum));
        Assert.That(inline.State.KindCounts[(int)EventKind.Timer], Is.GreaterThan(immediate.State.KindCounts[(int)EventKind.Timer]), "each delivery is led by a timer");
    }

    [Test]
    public void A_back_test_with_response_latency_repeats_byte_for_byte()
    {
        var options = new BacktestOptions
        {
            Asset = AssetMeta.BtcPerp, Settings = ["prior_n=100000"],
            Exchange = ExchangeSettings.With(ExchangeSettings.With(new SimExchangeConfig(), "response_ms", "25"), "response_jitter_ms", "50"),
        };
        var first = Backtest.Run(Tape, options).Summary.ToTable();
        var second = Backtest.Run(Tape, options).Summary.ToTable();
        var threaded = Backtest.Run(Tape, options with { Threaded = true }).Summary.ToTable();
        var without = Backtest.Run(Tape, options with { Exchange = new SimExchangeConfig() }).Summary.ToTable();
        Assert.That(second, Is.EqualTo(first));
        Assert.That(threaded, Is.EqualTo(first));
        Assert.That(without, Is.Not.EqualTo(first));
    }
}
