using System.Runtime.CompilerServices;

namespace HlScalper.Engine.Ring;

/// <summary>Where a consumer waits: for the producer's cursor and for the consumers it depends on.</summary>
/// <remarks>
/// With no dependents a consumer follows the producer (fan-out: several such consumers see every
/// event in parallel). With dependents it follows the slowest of them (a pipeline stage).
/// </remarks>
public sealed class SequenceBarrier
{
    /// <summary>Returned by <see cref="WaitFor(long)"/> when the barrier was alerted (halt).</summary>
    public const long Alerted = long.MinValue;

    /// <summary>Returned by <see cref="WaitFor(long)"/> when a timed wait strategy gave up.</summary>
    public const long TimedOut = long.MinValue + 1;

    // Null for one producer: it publishes in order, so whatever the cursor shows is published and
    // the per-slot scan (and a virtual call per batch) is skipped.
    private readonly MultiProducerSequencer? _multiProducer;
    private readonly IWaitStrategy _waitStrategy;
    private readonly Sequence _cursor;
    private readonly Sequence[] _dependents;
    private volatile bool _alerted;

    // A gathering round lasts about a quarter microsecond (16 pauses on the Intel VM), and a gather at most four rounds.
    private const double GatherRoundNanoseconds = 250;
    private const int GatherRounds = 4;
    private static readonly int PausesPerGatherRound = PauseDuration.PausesFor(GatherRoundNanoseconds);

    internal SequenceBarrier(Sequencer sequencer, IWaitStrategy waitStrategy, Sequence[] dependents)
    {
        _multiProducer = sequencer as MultiProducerSequencer;
        _waitStrategy = waitStrategy;
        _cursor = sequencer.Cursor;
        _dependents = dependents;
    }

    public bool IsAlerted => _alerted;

    /// <summary>The sequence every event up to which is ready for this consumer: the cursor, or the slowest dependent.</summary>
    public long Dependent
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _dependents.Length == 0 ? _cursor.Value : Sequence.Minimum(_dependents);
    }

    /// <summary>The cursor of the producer, for wait strategies that block on it.</summary>
    public Sequence Cursor => _cursor;

    /// <summary>Waits until <paramref name="sequence"/> is ready and returns the highest ready sequence (at least <paramref name="sequence"/>), or <see cref="Alerted"/> / <see cref="TimedOut"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long WaitFor(long sequence)
    {
        var available = Dependent;
        if (available < sequence)
        {
            available = Wait(sequence);
            if (available < sequence) return available;
        }
        return _multiProducer is null ? available : _multiProducer.GetHighestPublishedSequence(sequence, available);
    }

    /// <summary>Like <see cref="WaitFor(long)"/>, for a consumer about to handle what it gets as one batch: when the first look finds fewer
    /// than <paramref name="minBatch"/> events ready, it waits a little for more (at most about a microsecond, and no longer once the
    /// producer has stopped publishing). A consumer that had to wait for its first event gets it at once.</summary>
    /// <remarks>
    /// The case this serves is a consumer that keeps up with a producer still publishing. Taking one or two events per look, it reads
    /// the cursor's line and the slot lines while the producer is writing them, and each read moves a line to the consumer's core
    /// that the producer's next store must take back: in one-to-one runs the two threads settled into batches of about six events
    /// and 35–40 ns per event at 1,080 B, where letting the producer run ahead for a quarter microsecond gave batches of 40–100.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long WaitFor(long sequence, int minBatch)
    {
        var available = Dependent;
        if (available < sequence)
        {
            available = Wait(sequence);
            if (available < sequence) return available;
        }
        else if (available - sequence + 1 < minBatch) available = Gather(sequence + minBatch - 1, available);
        return _multiProducer is null ? available : _multiProducer.GetHighestPublishedSequence(sequence, available);
    }

    // Each round pauses without touching the cursor (so its line stays with the producer), then reads it once. The
    // acquire read of Dependent is what makes the events up to the returned value safe to read, as in WaitFor.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long Gather(long target, long available)
    {
        for (var round = 0; round < GatherRounds; round++)
        {
            for (var i = 0; i < PausesPerGatherRound; i++) BusySpinWaitStrategy.Pause();
            var now = Dependent;
            // Nothing published for a whole round: the producer has stopped, so what is there goes now.
            if (now == available || now >= target) return now;
            available = now;
        }
        return available;
    }

    // Out of line so the inlined fast path above stays a load and a compare.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long Wait(long sequence) => _waitStrategy.WaitFor(sequence, this);

    /// <summary>Wakes the waiting consumer so it sees a halt.</summary>
    public void Alert()
    {
        _alerted = true;
        _waitStrategy.SignalAllWhenBlocking();
    }

    public void ClearAlert() => _alerted = false;
}
