using System.Diagnostics;
using HlScalper.Engine.Ring;

namespace HlScalper.Live.Safety;

/// <summary>
/// Whether a ring consumer (the engine) keeps up: stalled when events wait for it and its sequence has not moved for longer than
/// the bound; and, for the dead-man switch, whether it has handled everything that was waiting at the last refresh.
/// </summary>
/// <remarks>Reads two sequences and keeps its own notes; <see cref="Check"/> runs on the watchdog thread, <see cref="KeptUpSinceLastAsk"/> on the dead-man's.</remarks>
public sealed class ProgressMonitor(Sequence consumer, Sequencer sequencer, TimeSpan stallAfter)
{
    private readonly Lock _askLock = new();
    private long _lastSeen = consumer.Value;
    private long _lastProgress = Stopwatch.GetTimestamp();
    private long _waitingAtLastAsk = long.MinValue;

    public TimeSpan StallAfter => stallAfter;

    /// <summary>Null while the consumer moves or has nothing to do; else how long it has sat on how many waiting events.</summary>
    public string? Check()
    {
        var now = Stopwatch.GetTimestamp();
        var at = consumer.Value;
        var claimed = sequencer.HighestClaimed;
        if (at != _lastSeen || claimed <= at)
        {
            _lastSeen = at;
            _lastProgress = now;
            return null;
        }
        var still = Stopwatch.GetElapsedTime(_lastProgress, now);
        return still > stallAfter
            ? $"no progress for {still.TotalMilliseconds:0} ms at sequence {at} with {claimed - at} events waiting (bound {stallAfter.TotalMilliseconds:0} ms)"
            : null;
    }

    /// <summary>True when the consumer has handled every event claimed at the previous call (the first call: always): the dead-man
    /// refresh is earned by progress, so a stuck engine lets the exchange's scheduled cancel fire.</summary>
    public bool KeptUpSinceLastAsk()
    {
        lock (_askLock)
        {
            var keptUp = consumer.Value >= _waitingAtLastAsk;
            _waitingAtLastAsk = sequencer.HighestClaimed;
            return keptUp;
        }
    }
}
