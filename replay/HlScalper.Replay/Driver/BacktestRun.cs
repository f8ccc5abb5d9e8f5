using HlScalper.Engine.Events;
using HlScalper.Engine.Strategy;
using HlScalper.Replay.Exchange;

namespace HlScalper.Replay.Driver;

/// <summary>One one-thread back-test that does not read the tape itself: whoever holds the cursor hands it each market event (<see cref="BacktestBatch"/>).</summary>
public sealed class BacktestRun
{
    private readonly SimExchange _exchange;
    private InlineEngine<EngineHandler> _engine;
    private ReplayStepper _stepper;

    public BacktestRun(Tape tape, BacktestOptions options)
    {
        var (exchange, handler) = Backtest.Prepare(tape, options);
        _exchange = exchange;
        _engine = new InlineEngine<EngineHandler>(handler);
        _stepper = new ReplayStepper(tape, options.TimerIntervalMs);
    }

    public void Step(ref readonly MarketEvent e) => _stepper.Step(in e, _exchange, ref _engine);

    /// <summary>Closes the run after the tape's last event; <paramref name="elapsed"/> is the time its loop took (shared with the runs stepped beside it).</summary>
    public BacktestResult Finish(TimeSpan elapsed)
    {
        var published = ReplayStepper.Finish(_exchange, ref _engine);
        _engine.Shutdown();
        return Backtest.Result(_exchange, _engine.Handler, published, elapsed);
    }
}
