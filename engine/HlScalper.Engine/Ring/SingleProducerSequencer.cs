using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HlScalper.Engine.Ring;

/// <summary>A sequencer for exactly one producer thread: claims are plain writes, no atomics.</summary>
public sealed class SingleProducerSequencer : Sequencer
{
    // The producer's private state lives in its own padded block so consumers polling the cursor
    // never pull this line into their cache.
    private Fields _fields = new() { NextValue = Sequence.InitialValue, CachedGating = Sequence.InitialValue };

    public SingleProducerSequencer(int bufferSize, IWaitStrategy waitStrategy) : base(bufferSize, waitStrategy) { }

    // Read from other threads only as an estimate (RemainingCapacity); an aligned long read is never torn.
    public override long HighestClaimed => Volatile.Read(ref _fields.NextValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override long Next(int n)
    {
        CheckClaimSize(n);
        var current = _fields.NextValue;
        var next = current + n;
        var wrapPoint = next - BufferSize;
        var cachedGating = _fields.CachedGating;
        // Fast path: the cached slowest consumer is known to be past the slot we would overwrite.
        if (wrapPoint > cachedGating || cachedGating > current)
            WaitForCapacity(current, wrapPoint);
        _fields.NextValue = next;
        return next;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WaitForCapacity(long current, long wrapPoint)
    {
        // A full fence so the cursor store (if any) is visible before we read consumer sequences.
        Cursor.SetValueVolatile(current);
        long minSequence;
        var spinner = new SpinWait();
        while (wrapPoint > (minSequence = Sequence.Minimum(GatingSequences, current)))
            spinner.SpinOnce(-1);
        _fields.CachedGating = minSequence;
    }

    public override bool TryNext(int n, out long sequence)
    {
        CheckClaimSize(n);
        var current = _fields.NextValue;
        var next = current + n;
        var wrapPoint = next - BufferSize;
        if (wrapPoint > _fields.CachedGating || _fields.CachedGating > current)
        {
            Cursor.SetValueVolatile(current);
            var minSequence = Sequence.Minimum(GatingSequences, current);
            _fields.CachedGating = minSequence;
            if (wrapPoint > minSequence)
            {
                sequence = default;
                return false;
            }
        }
        _fields.NextValue = next;
        sequence = next;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Publish(long sequence)
    {
        // Release store: the slot's contents become visible to any reader that sees the new cursor.
        Cursor.SetValue(sequence);
        if (SignalOnPublish) WaitStrategy.SignalAllWhenBlocking();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Publish(long low, long high) => Publish(high);

    // One producer publishes in order, so everything up to the cursor is published.
    public override long GetHighestPublishedSequence(long lowerBound, long availableSequence) => availableSequence;

    // The two fields sit together with at least 56 bytes of padding on each side, so no field of the
    // base class or of a neighbouring object shares their line (consumers read the base class's fields).
    [StructLayout(LayoutKind.Explicit, Size = 136)]
    private struct Fields
    {
        [FieldOffset(64)] public long NextValue;
        [FieldOffset(72)] public long CachedGating;
    }
}
