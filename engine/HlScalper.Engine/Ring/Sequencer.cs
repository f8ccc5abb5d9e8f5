namespace HlScalper.Engine.Ring;

/// <summary>Hands out ring slots to producers and tells consumers which sequences are published.</summary>
/// <remarks>
/// Producers call <see cref="Next()"/> (or <see cref="Next(int)"/> for a batch), write the slots, then
/// <see cref="Publish(long)"/>. A claim never overtakes the slowest gating consumer, so a slot is never
/// overwritten before every consumer has released it.
/// </remarks>
public abstract class Sequencer
{
    private Sequence[] _gatingSequences = [];

    protected Sequencer(int bufferSize, IWaitStrategy waitStrategy)
    {
        if (bufferSize < 1 || !System.Numerics.BitOperations.IsPow2(bufferSize))
            throw new ArgumentOutOfRangeException(nameof(bufferSize), bufferSize, "buffer size must be a power of two");
        BufferSize = bufferSize;
        WaitStrategy = waitStrategy;
    }

    public int BufferSize { get; }

    public IWaitStrategy WaitStrategy { get; }

    /// <summary>The highest claimed sequence (single producer: also the highest published).</summary>
    public Sequence Cursor { get; } = new();

    /// <summary>The consumers a producer must not lap: the last stage of every pipeline.</summary>
    protected Sequence[] GatingSequences => Volatile.Read(ref _gatingSequences);

    /// <summary>Adds consumers the producer must not overtake. Call before producing.</summary>
    public void AddGatingSequences(params Sequence[] sequences)
    {
        var cursor = Cursor.Value;
        foreach (var s in sequences) s.SetValue(cursor);
        Volatile.Write(ref _gatingSequences, [.. _gatingSequences, .. sequences]);
    }

    /// <summary>A barrier for consumers that follow <paramref name="dependents"/> (none: they follow the producer).</summary>
    public SequenceBarrier NewBarrier(params Sequence[] dependents) => new(this, WaitStrategy, dependents);

    /// <summary>A barrier that waits its own way: a consumer off the latency path (a logger) can sleep while the engine spins.
    /// A blocking strategy here is never signalled unless it is also the sequencer's.</summary>
    public SequenceBarrier NewBarrier(IWaitStrategy waitStrategy, params Sequence[] dependents) => new(this, waitStrategy, dependents);

    public long Next() => Next(1);

    /// <summary>Claims <paramref name="n"/> consecutive slots and returns the highest; spins while the ring is full.</summary>
    public abstract long Next(int n);

    /// <summary>Claims <paramref name="n"/> slots only if they are free now.</summary>
    public abstract bool TryNext(int n, out long sequence);

    public abstract void Publish(long sequence);

    public abstract void Publish(long low, long high);

    /// <summary>The highest sequence in [<paramref name="lowerBound"/>, <paramref name="availableSequence"/>] with every slot up to it published.</summary>
    public abstract long GetHighestPublishedSequence(long lowerBound, long availableSequence);

    /// <summary>Free slots between the producer and the slowest consumer.</summary>
    public long RemainingCapacity() => BufferSize - (Cursor.Value - Sequence.Minimum(GatingSequences, Cursor.Value));
}
