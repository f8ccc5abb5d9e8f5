using HlScalper.Engine.Events;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Exchange;

namespace HlScalper.Replay.Tests;

public class ReplayDriverTests
{
    private static readonly EventTape Tape = ReplayHarness.SyntheticTape(900_000, seed: 3);

    [Test]
    public void One_thread_and_two_thread_modes_see_the_same_stream_and_reach_the_same_result()
    {
        var config = new SimExchangeConfig { Fill = FillModel.Queue, LatencyMs = 30, LatencyJitterMs = 40 };
        var inline = ReplayHarness.Run(Tape, config, threaded: false);
        var threaded = ReplayHarness.Run(Tape, config, threaded: true);

        Assert.That(inline.State.Placed, Is.GreaterThan(20), "the script must actually trade for this test to mean anything");
        Assert.That(inline.Exchange.Counters.Fills, Is.GreaterThan(5));
        Assert.That(threaded.Published, Is.EqualTo(inline.Published));
        Assert.That(threaded.State.Checksum, Is.EqualTo(inline.State.Checksum));
        Assert.That(threaded.State.KindCounts, Is.EqualTo(inline.State.KindCounts));
        Assert.That(threaded.Exchange.Ledger.Trades, Is.EqualTo(inline.Exchange.Ledger.Trades));
        Assert.That(threaded.Exchange.Ledger.EquityRaw, Is.EqualTo(inline.Exchange.Ledger.EquityRaw));
    }

    [Test]
    public void The_engine_sees_time_in_order_with_acks_fills_and_timers_interleaved()
    {
        var run = ReplayHarness.Run(Tape, new SimExchangeConfig { LatencyMs = 50, LatencyJitterMs = 20 }, threaded: false);
        var counts = run.State.KindCounts;
        Assert.That(run.State.TimeWentBackwards, Is.Zero);
        Assert.That(counts[(int)EventKind.Book] + counts[(int)EventKind.Trade], Is.EqualTo(Tape.Count));
        Assert.That(counts[(int)EventKind.Timer], Is.InRange(Tape.LastTimeMs / 250 - Tape.FirstTimeMs / 250 - 5, (Tape.LastTimeMs - Tape.FirstTimeMs) / 250 + 1));
        Assert.That(counts[(int)EventKind.OrderUpdate], Is.GreaterThanOrEqualTo(run.State.Placed));
        Assert.That(counts[(int)EventKind.Fill], Is.EqualTo(run.Exchange.Counters.Fills));
    }

    [Test]
    public void Latency_and_fill_model_change_the_outcome()
    {
        var fast = ReplayHarness.Run(Tape, new SimExchangeConfig { Fill = FillModel.Touch, LatencyMs = 0, LatencyJitterMs = 0 }, threaded: false);
        var queue = ReplayHarness.Run(Tape, new SimExchangeConfig { Fill = FillModel.Queue, LatencyMs = 0, LatencyJitterMs = 0 }, threaded: false);
        Assert.That(fast.Exchange.Counters.FilledOrders, Is.GreaterThan(queue.Exchange.Counters.FilledOrders * queue.State.Placed / fast.State.Placed));
        Assert.That(fast.State.Checksum, Is.Not.EqualTo(queue.State.Checksum));
    }

    [Test]
    public void Replay_through_ring_script_and_exchange_allocates_nothing_after_warm_up()
    {
        var config = new SimExchangeConfig { LatencyMs = 30, LatencyJitterMs = 10 };
        ReplayHarness.Run(Tape, config, threaded: false);   // JIT and first-use work
        var exchange = new SimExchange(config, Tape.Coins.Count);
        var state = new ScriptState(exchange);
        var engine = new InlineEngine<ScriptedHandler>(new ScriptedHandler(state), ringSize: 256);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var published = ReplayDriver.Run(Tape, exchange, ref engine);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(published, Is.GreaterThan(10_000));
        // The exchange's one book per coin (first use) is the only allocation allowed.
        Assert.That(allocated, Is.LessThan(2_000), $"{allocated} bytes over {published} events");
    }
}

/// <summary>The real handler chain (strategy + risk) against the simulated exchange: the back-test's own hot path.</summary>
public class EngineReplayAllocationTests
{
    [Test]
    public void Strategy_risk_and_exchange_allocate_nothing_per_event_after_warm_up()
    {
        var tape = ReplayHarness.SyntheticTape(1_200_000, seed: 11);
        var config = new HlScalper.Engine.Strategy.EngineConfig().With("prior_n=100000");
        HlScalper.Engine.Strategy.EngineHandler Build(SimExchange exchange) => new(HlScalper.Engine.Numbers.AssetMeta.BtcPerp, 0, config, exchange);

        var warmExchange = new SimExchange(new SimExchangeConfig(), 1);
        var warm = new InlineEngine<HlScalper.Engine.Strategy.EngineHandler>(Build(warmExchange));
        ReplayDriver.Run(tape, warmExchange, ref warm);

        var exchange = new SimExchange(new SimExchangeConfig(), 1);
        var engine = new InlineEngine<HlScalper.Engine.Strategy.EngineHandler>(Build(exchange));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var published = ReplayDriver.Run(tape, exchange, ref engine);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(exchange.Counters.Fills, Is.GreaterThan(10), "the strategy must trade for this to test the order path");
        Assert.That(allocated, Is.LessThan(4_000), $"{allocated} bytes over {published} events");
    }
}
