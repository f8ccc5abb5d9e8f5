using System.Diagnostics;
using HlScalper.Engine.Strategy;
using HlScalper.Replay.Exchange;
using HlScalper.Replay.Metrics;

namespace HlScalper.Replay.Driver;

/// <summary>One back-test: the live engine handler (strategy + risk) against the simulated exchange over a tape, with its own ring and state.</summary>
public static class Backtest
{
    public static BacktestResult Run(Tape tape, BacktestOptions options, CancellationToken cancel = default)
    {
        if (!options.Threaded) return BacktestBatch.Run(tape, [options], cancel)[0];
        var (exchange, handler) = Prepare(tape, options);
        var clock = Stopwatch.StartNew();
        long published;
        using (var engine = new ThreadedEngine<EngineHandler>(handler))
        {
            var port = engine.Sink;
            published = ReplayDriver.Run(tape, exchange, ref port, options.TimerIntervalMs, cancel);
        }
        clock.Stop();
        return Result(exchange, handler, published, clock.Elapsed);
    }

    /// <summary>The simulated exchange and the engine handler of one back-test, wired to each other and to the tape's coin.</summary>
    internal static (SimExchange Exchange, EngineHandler Handler) Prepare(Tape tape, BacktestOptions options)
    {
        var coin = tape.Coins.Find(System.Text.Encoding.UTF8.GetBytes(options.Asset.Name));
        if (coin < 0) throw new ArgumentException($"the data holds no '{options.Asset.Name}' events");
        var config = new EngineConfig().With(options.Settings);
        var exchange = new SimExchange(options.Exchange, tape.Coins.Count, LedgerFor(tape));
        if (options.Funding is { } funding) exchange.UseFunding((ushort)coin, funding);
        return (exchange, new EngineHandler(options.Asset, (ushort)coin, config, exchange));
    }

    internal static BacktestResult Result(SimExchange exchange, EngineHandler handler, long published, TimeSpan elapsed)
    {
        var ledger = exchange.Ledger;
        return new BacktestResult(BacktestSummary.From(ledger, exchange.Counters), ledger.Trades, ledger.Equity, exchange.Counters, handler.Stats, published, elapsed);
    }

    /// <summary>A ledger sized to the tape: room for a run of equity per minute of a short tape, 1,024 runs of a long one, and a few dozen round trips (the lists double past them).</summary>
    /// <remarks>The ledger's default of 16,384 trades is 1.4 MB on the large-object heap: per back-test of a sweep that
    /// forced a gen-2 collection every run, stopping every worker. Room for 512 trades was still 48 KB a back-test, most of it
    /// never used (the real BTC half hour makes about 30).</remarks>
    private static TradeLedger LedgerFor(Tape tape)
    {
        var minutes = Math.Max(0, tape.LastTimeMs - tape.FirstTimeMs) / TradeLedger.SampleIntervalMs;
        return new TradeLedger(tape.Coins.Count, tradeCapacity: 32, equityRunCapacity: (int)Math.Min(minutes + 4, 1 << 10));
    }
}
