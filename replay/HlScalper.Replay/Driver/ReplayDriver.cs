using System.Runtime.CompilerServices;
using HlScalper.Replay.Exchange;

namespace HlScalper.Replay.Driver;

/// <summary>Replays a tape through the engine and the simulated exchange, interleaving market events, timers, acks and fills in one deterministic time order.</summary>
/// <remarks>
/// At each event time T the driver first lets every intent that reaches the exchange at or before T act
/// (its answers enter the stream at their arrival time), then publishes the market event, then the fills
/// it caused (<see cref="ReplayStepper"/>). Timers fill quiet stretches on a fixed grid, for at most <see cref="MaxTimerGapMs"/> of a
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
        var stepper = new ReplayStepper(tape, timerIntervalMs);
        for (var i = 0L; ; i++)
        {
            if ((i & 0xFFFF) == 0) cancel.ThrowIfCancellationRequested();
            ref readonly var e = ref cursor.Next();
            if (Unsafe.IsNullRef(in e)) break;
            stepper.Step(in e, exchange, ref engine);
        }
        return ReplayStepper.Finish(exchange, ref engine);
    }
}
