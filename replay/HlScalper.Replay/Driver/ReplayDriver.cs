using System.Runtime.CompilerServices;
using HlScalper.Engine.Events;
using HlScalper.Replay.Exchange;

namespace HlScalper.Replay.Driver;

/// <summary>Replays a tape through the engine and the simulated exchange, interleaving market events, timers, acks and fills in one deterministic time order.</summary>
/// <remarks>
/// At each event time T the driver first lets every intent that reaches the exchange at or before T act
/// (its answers enter the stream at their arrival time), then publishes the market event, then the fills
/// it caused. Timers fill quiet stretches on a fixed grid, for at most <see cref="MaxTimerGapMs"/> of a
/// stretch: past that the clock jumps to the next event (a gap of years, from a corrupt time the readers let
/// through, must cost an hour of timers, not a hang). The same tape, parameters and handler give the same
/// stream, event for event, in both one-thread and two-thread mode.
/// </remarks>
public static class ReplayDriver
{
    /// <summary>The longest quiet stretch filled with timers: far beyond every timeout the engine keeps.</summary>
    public const long MaxTimerGapMs = 3600 * 1000;

    /// <summary>Runs the whole tape; returns the number of events published into the engine.</summary>
    public static long Run<TEngine>(Tape tape, SimExchange exchange, ref TEngine engine, long timerIntervalMs = 250, CancellationToken cancel = default)
        where TEngine : struct, IReplayEngine
    {
        using var cursor = tape.Open();
        var nextTimer = timerIntervalMs > 0 && tape.EventCount > 0 ? tape.FirstTimeMs + timerIntervalMs : long.MaxValue;
        for (var i = 0L; ; i++)
        {
            if ((i & 0xFFFF) == 0) cancel.ThrowIfCancellationRequested();
            ref readonly var e = ref cursor.Next();
            if (Unsafe.IsNullRef(in e)) break;
            var time = e.ExchangeTimeMs;
            var lastTimer = nextTimer == long.MaxValue ? long.MaxValue : nextTimer + MaxTimerGapMs;
            while (nextTimer < time && nextTimer < lastTimer)
            {
                AdvanceTo(nextTimer, exchange, ref engine);
                ref var timer = ref engine.Claim();
                timer.Reset(EventKind.Timer, 0, nextTimer);
                engine.Publish();
                nextTimer += timerIntervalMs;
            }
            // Past the filled hour the grid resumes after this event, on the same phase.
            if (nextTimer < time) nextTimer += (time - nextTimer) / timerIntervalMs * timerIntervalMs + timerIntervalMs;
            AdvanceTo(time, exchange, ref engine);
            ref var slot = ref engine.Claim();
            slot.CopyFrom(in e);
            engine.Publish();
            exchange.OnMarket(in e, ref engine);
        }
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
