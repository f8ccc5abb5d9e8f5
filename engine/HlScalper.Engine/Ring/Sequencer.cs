using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace HlScalper.Engine.Ring;

/// <summary>Hands out ring slots to producers and tells consumers which sequences are published.</summary>
/// <remarks>
/// Producers call <see cref="Next()"/> (or <see cref="Next(int)"/> for a batch), write the slots in
/// place, then <see cref="Publish(long)"/>. A claim never overtakes the slowest gating consumer, so a
/// slot is never overwritten before every consumer has released it.
/// </remarks>
public abstract class Sequencer
{
    private Sequence[] _gatingSequences = [];

    // private protected: SingleProducerSequencer and MultiProducerSequencer are the only kinds, so a barrier can tell them apart by type.
    private protected Sequencer(int bufferSize, IWaitStrategy waitStrategy)
    {
        if (bufferSize < 1 || !System.Numerics.BitOperations.IsPow2(bufferSize))
            throw new ArgumentOutOfRangeException(nameof(bufferSize), bufferSize, "buffer size must be a power of two");
        BufferSize = bufferSize;
        WaitStrategy = waitStrategy;
        SignalOnPublish = waitStrategy.IsBlocking;
    }

    public int BufferSize { get; }

    public IWaitStrategy WaitStrategy { get; }

    /// <summary>The strategy's <see cref="IWaitStrategy.IsBlocking"/>, read once: a publish tests a field, not an interface call.</summary>
    protected bool SignalOnPublish { get; }

    /// <summary>Single producer: the highest published sequence. Multi-producer: the highest claimed; a barrier finds how far it is published.</summary>
    public Sequence Cursor { get; } = new();

    /// <summary>The consumers a producer must not lap: the last stage of every pipeline.</summary>
    protected Sequence[] GatingSequences => Volatile.Read(ref _gatingSequences);

    /// <summary>The highest sequence a producer has claimed, published or not.</summary>
    public abstract long HighestClaimed { get; }

    /// <summary>Adds consumers the producer must not overtake. Call before producing.</summary>
    public void AddGatingSequences(params Sequence[] sequences)
    {
        var cursor = Cursor.Value;
        foreach (var s in sequences) s.SetValue(cursor);
        Volatile.Write(ref _gatingSequences, [.. _gatingSequences, .. sequences]);
    }

    /// <summary>Stops gating on <paramref name="sequence"/>: producers no longer wait for a consumer that died, so none spins forever in
    /// <see cref="Next(int)"/>. What that consumer has not read is overwritten. False when it was not gating.</summary>
    public bool RemoveGatingSequence(Sequence sequence)
    {
        while (true)
        {
            var current = Volatile.Read(ref _gatingSequences);
            var index = Array.IndexOf(current, sequence);
            if (index < 0) return false;
            Sequence[] remaining = [.. current.AsSpan(0, index), .. current.AsSpan(index + 1)];
            // A producer spinning for capacity re-reads the array on every turn, so it sees the removal at once.
            if (Interlocked.CompareExchange(ref _gatingSequences, remaining, current) == current) return true;
        }
    }

    /// <summary>A barrier for consumers that follow <paramref name="dependents"/> (none: they follow the producer).</summary>
    public SequenceBarrier NewBarrier(params Sequence[] dependents) => new(this, WaitStrategy, dependents);

    /// <summary>A barrier that waits its own way: a consumer off the latency path (a logger) can sleep while the engine spins.
    /// A blocking strategy here is never signalled unless it is also the sequencer's.</summary>
    public SequenceBarrier NewBarrier(IWaitStrategy waitStrategy, params Sequence[] dependents) => new(this, waitStrategy, dependents);

    public long Next() => Next(1);

    /// <summary>Claims <paramref name="n"/> consecutive slots (1 to the ring size) and returns the highest; spins while the ring is full.</summary>
    public abstract long Next(int n);

    /// <summary>Claims <paramref name="n"/> slots (1 to the ring size) only if they are free now.</summary>
    public abstract bool TryNext(int n, out long sequence);

    public abstract void Publish(long sequence);

    public abstract void Publish(long low, long high);

    /// <summary>The highest sequence in [<paramref name="lowerBound"/>, <paramref name="availableSequence"/>] with every slot up to it published.</summary>
    public abstract long GetHighestPublishedSequence(long lowerBound, long availableSequence);

    /// <summary>Free slots between the producer's last claim and the slowest consumer: a claimed slot is taken even before it is published.</summary>
    public long RemainingCapacity()
    {
        var claimed = HighestClaimed;
        return BufferSize - (claimed - Sequence.Minimum(GatingSequences, claimed));
    }

    /// <summary>Throws unless 1 ≤ <paramref name="n"/> ≤ <see cref="BufferSize"/>: a larger claim could never be satisfied
    /// (it would spin forever or hand out slots a consumer still holds), a smaller one would hand out a sequence again.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void CheckClaimSize(int n)
    {
        if ((uint)(n - 1) >= (uint)BufferSize) ThrowClaimSize(n, BufferSize);
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowClaimSize(int n, int bufferSize) =>
        throw new ArgumentOutOfRangeException(nameof(n), n, $"a claim takes 1 to {bufferSize} slots (the ring size)");
}
