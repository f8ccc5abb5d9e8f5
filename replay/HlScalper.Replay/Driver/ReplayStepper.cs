using HlScalper.Engine.Events;
using HlScalper.Replay.Exchange;

namespace HlScalper.Replay.Driver;

/// <summary>Moves one replay forward by one market event: the timers due before it, the exchange's arrivals and answers due by its time, the event itself and the fills it causes.</summary>
/// <remarks>
/// Whoever reads the tape owns the loop: <see cref="ReplayDriver.Run{TEngine}"/> for one replay, <see cref="BacktestBatch"/> for
/// several in lockstep over one cursor. The stepper holds the only state that outlives an event, the timer grid, so the same
/// events stepped in the same order give the same stream whichever loop drives it.
/// </remarks>
public struct ReplayStepper
{
    private readonly long _interval;
    private long _nextTimer;

    public ReplayStepper(Tape tape, long timerIntervalMs)
    {
        _interval = timerIntervalMs;
        _nextTimer = timerIntervalMs > 0 && tape.EventCount > 0 ? tape.FirstTimeMs + timerIntervalMs : long.MaxValue;
    }

    public void Step<TEngine>(ref readonly MarketEvent e, SimExchange exchange, ref TEngine engine) where TEngine : struct, IReplayEngine
    {
        var time = e.ExchangeTimeMs;
        var lastTimer = _nextTimer == long.MaxValue ? long.MaxValue : _nextTimer + ReplayDriver.MaxTimerGapMs;
        while (_nextTimer < time && _nextTimer < lastTimer)
        {
            AdvanceTo(_nextTimer, exchange, ref engine);
            ref var timer = ref engine.Claim();
            timer.Reset(EventKind.Timer, 0, _nextTimer);
            engine.Publish();
            _nextTimer += _interval;
        }
        // Past the filled hour the grid resumes after this event, on the same phase.
        if (_nextTimer < time) _nextTimer += (time - _nextTimer) / _interval * _interval + _interval;
        AdvanceTo(time, exchange, ref engine);
        ref var slot = ref engine.Claim();
        slot.CopyFrom(in e);
        engine.Publish();
        exchange.OnMarket(in e, ref engine);
    }

    /// <summary>Ends the replay after its last event: the engine caught up, its last intents taken, the ledger closed.</summary>
    public static long Finish<TEngine>(SimExchange exchange, ref TEngine engine) where TEngine : struct, IReplayEngine
    {
        engine.Sync();
        exchange.AcceptSubmitted();
        exchange.Ledger.Finish();
        return engine.Published;
    }

    /// <summary>Lets every intent that reaches the exchange at or before <paramref name="time"/> act, and delivers every delayed answer due by then, in time order.</summary>
    private static void AdvanceTo<TEngine>(long time, SimExchange exchange, ref TEngine engine) where TEngine : struct, IReplayEngine
    {
        var horizon = time - exchange.MinimumLatencyMs;
        while (true)
        {
            // Whatever the engine may still submit about events older than the horizon could arrive by `time`: wait for it.
            if (engine.OldestUnsyncedMs <= horizon)
            {
                engine.Sync();
                exchange.AcceptSubmitted();
            }
            // Answers already sent reach the engine before an intent arriving at the same time acts.
            var response = exchange.NextResponseMs;
            var arrival = exchange.NextArrivalMs;
            if (response <= time && response <= arrival) exchange.DeliverNextResponse(ref engine);
            else if (arrival <= time) exchange.ProcessNextArrival(ref engine);
            else return;
        }
    }
}
