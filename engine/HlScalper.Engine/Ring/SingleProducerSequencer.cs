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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override long Next(int n)
    {
        var next = _fields.NextValue + n;
        var wrapPoint = next - BufferSize;
        // Fast path: the cached slowest consumer is known to be past the slot we would overwrite.
        if (wrapPoint > _fields.CachedGating || _fields.CachedGating > _fields.NextValue)
            WaitForCapacity(wrapPoint);
        _fields.NextValue = next;
        return next;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WaitForCapacity(long wrapPoint)
    {
        // A full fence so the cursor store (if any) is visible before we read consumer sequences.
        Cursor.SetValueVolatile(_fields.NextValue);
        long minSequence;
        var spinner = new SpinWait();
        while (wrapPoint > (minSequence = Sequence.Minimum(GatingSequences, _fields.NextValue)))
            spinner.SpinOnce(-1);
        _fields.CachedGating = minSequence;
    }

    public override bool TryNext(int n, out long sequence)
    {
        var next = _fields.NextValue + n;
        var wrapPoint = next - BufferSize;
        if (wrapPoint > _fields.CachedGating || _fields.CachedGating > _fields.NextValue)
        {
            Cursor.SetValueVolatile(_fields.NextValue);
            var minSequence = Sequence.Minimum(GatingSequences, _fields.NextValue);
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
        if (WaitStrategy.IsBlocking) WaitStrategy.SignalAllWhenBlocking();
    }

    public override void Publish(long low, long high) => Publish(high);

    // One producer publishes in order, so everything up to the cursor is published.
    public override long GetHighestPublishedSequence(long lowerBound, long availableSequence) => availableSequence;

    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct Fields
    {
        [FieldOffset(56)] public long NextValue;
        [FieldOffset(64)] public long CachedGating;
    }
}
