using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HlScalper.Engine.Ring;

/// <summary>A sequencer for any number of producer threads: claims by compare-and-swap on the cursor.</summary>
/// <remarks>
/// Because producers publish out of order, each slot carries an availability flag (the lap number
/// of the sequence that last filled it); consumers read up to the first slot not yet flagged.
/// </remarks>
public sealed class MultiProducerSequencer : Sequencer
{
    private readonly Sequence _gatingSequenceCache = new();
    private readonly int[] _availableBuffer;
    private readonly int _indexMask;
    private readonly int _indexShift;

    public MultiProducerSequencer(int bufferSize, IWaitStrategy waitStrategy) : base(bufferSize, waitStrategy)
    {
        _availableBuffer = new int[bufferSize];
        _availableBuffer.AsSpan().Fill(-1);
        _indexMask = bufferSize - 1;
        _indexShift = BitOperations.Log2((uint)bufferSize);
    }

    public override long HighestClaimed => Cursor.Value;

    public override long Next(int n)
    {
        CheckClaimSize(n);
        var spinner = new SpinWait();
        while (true)
        {
            var current = Cursor.Value;
            var next = current + n;
            var wrapPoint = next - BufferSize;
            var cachedGating = _gatingSequenceCache.Value;
            if (wrapPoint > cachedGating || cachedGating > current)
            {
                var gating = Sequence.Minimum(GatingSequences, current);
                if (wrapPoint > gating)
                {
                    spinner.SpinOnce(-1);
                    continue;
                }
                _gatingSequenceCache.SetValue(gating);
            }
            else if (Cursor.CompareAndSet(current, next))
            {
                return next;
            }
        }
    }

    public override bool TryNext(int n, out long sequence)
    {
        CheckClaimSize(n);
        while (true)
        {
            var current = Cursor.Value;
            var next = current + n;
            var wrapPoint = next - BufferSize;
            var cachedGating = _gatingSequenceCache.Value;
            if (wrapPoint > cachedGating || cachedGating > current)
            {
                var gating = Sequence.Minimum(GatingSequences, current);
                _gatingSequenceCache.SetValue(gating);
                if (wrapPoint > gating)
                {
                    sequence = default;
                    return false;
                }
            }
            if (Cursor.CompareAndSet(current, next))
            {
                sequence = next;
                return true;
            }
        }
    }

    public override void Publish(long sequence)
    {
        SetAvailable(sequence);
        if (SignalOnPublish) WaitStrategy.SignalAllWhenBlocking();
    }

    public override void Publish(long low, long high)
    {
        // Highest first: a consumer scans the flags upwards from its next sequence and stops at the first one unset, so it finds
        // none of the range until the lowest is set, and by then (release stores, in this order) every other one is. It sees the
        // range whole or not at all, never a part of one message.
        for (var s = high; s >= low; s--) SetAvailable(s);
        if (SignalOnPublish) WaitStrategy.SignalAllWhenBlocking();
    }

    public override long GetHighestPublishedSequence(long lowerBound, long availableSequence)
    {
        for (var s = lowerBound; s <= availableSequence; s++)
            if (!IsAvailable(s)) return s - 1;
        return availableSequence;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetAvailable(long sequence) =>
        // Release store: the slot's contents are visible before its flag.
        Volatile.Write(ref Flag(sequence), (int)(sequence >>> _indexShift));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsAvailable(long sequence) => Volatile.Read(ref Flag(sequence)) == (int)(sequence >>> _indexShift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref int Flag(long sequence) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_availableBuffer), (int)sequence & _indexMask);
}
