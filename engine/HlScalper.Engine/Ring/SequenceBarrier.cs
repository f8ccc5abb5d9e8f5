using System.Runtime.CompilerServices;

namespace HlScalper.Engine.Ring;

/// <summary>Where a consumer waits: for the producer's cursor and for the consumers it depends on.</summary>
/// <remarks>
/// With no dependents a consumer follows the producer (fan-out: several such consumers see every
/// event in parallel). With dependents it follows the slowest of them (a pipeline stage).
/// </remarks>
public sealed class SequenceBarrier
{
    /// <summary>Returned by <see cref="WaitFor"/> when the barrier was alerted (halt).</summary>
    public const long Alerted = long.MinValue;

    /// <summary>Returned by <see cref="WaitFor"/> when a timed wait strategy gave up.</summary>
    public const long TimedOut = long.MinValue + 1;

    // Null for one producer: it publishes in order, so whatever the cursor shows is published and
    // the per-slot scan (and a virtual call per batch) is skipped. With several, the cursor is the highest
    // claim and the scan reads the slots' stamps, which share a line with the head of each event.
    private readonly MultiProducerSequencer? _multiProducer;
    private readonly IWaitStrategy _waitStrategy;
    private readonly Sequence _cursor;
    private readonly Sequence[] _dependents;
    private volatile bool _alerted;

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
