using System.Runtime.CompilerServices;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Replay.Data;
using HlScalper.Replay.Data.Compact;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Exchange;
using HlScalper.Replay.Metrics;

namespace HlScalper.Replay.Tests;

/// <summary>What one whole back-test allocates (engine, exchange, cursor, results) stays small: a sweep runs thousands, and every collection stops all its workers.</summary>
public class BacktestAllocationTests
{
    /// <summary>Bytes a whole back-test may allocate besides its list of trades (the ring, books, queues, cursor, equity curve).</summary>
    private const long Budget = 64 * 1024;

    private static readonly Lazy<CompactTape> Tape = new(BuildTape);

    [TestCase(0, TestName = "A_back_test_on_a_compact_tape_allocates_its_trades_and_under_64_KB_besides_with_answers_at_exchange_time")]
    [TestCase(20, TestName = "A_back_test_on_a_compact_tape_allocates_its_trades_and_under_64_KB_besides_with_a_response_latency")]
    public void A_back_test_allocates_under_its_budget(int responseMs)
    {
        var options = new BacktestOptions
        {
            Asset = AssetMeta.BtcPerp,
            Settings = ["prior_n=1000000"],
            Exchange = new SimExchangeConfig { Fill = FillModel.Queue, ResponseMs = responseMs },
        };
        Backtest.Run(Tape.Value, options);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = Backtest.Run(Tape.Value, options);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(result.Exchange.Fills, Is.GreaterThan(5), "the strategy must trade, so the order path and the answers' queue are used");
        // The ledger's list doubles: its arrays on the way to its capacity add up to at most twice that capacity.
        var tradeList = 2L * ((List<TradeRecord>)result.Trades).Capacity * Unsafe.SizeOf<TradeRecord>();
        Assert.That(allocated - tradeList, Is.LessThan(Budget), $"{allocated:N0} bytes for one back-test of {result.Trades.Count} trades");
    }

    /// <summary>The built-in market, an hour of it, as a compact tape in memory.</summary>
    private static CompactTape BuildTape() =>
        new([CompactSegments.Of(CompactSegments.BuilderOf(Synthetic.SyntheticTape.Build(new Synthetic.SyntheticMarketConfig())), "/built-in")]);
}
