namespace HlScalper.Engine.Ring;

/// <summary>A sequencer for any number of producer threads: claims by compare-and-swap on the cursor.</summary>
/// <remarks>
/// Because producers publish out of order, the cursor is only the highest claim; what is published is
/// what the slots' stamps say (<see cref="SlotStamps"/>), and consumers read up to the first slot not yet stamped.
/// </remarks>
public sealed class MultiProducerSequencer : Sequencer
{
    private readonly Sequence _gatingSequenceCache = new();
    private readonly SlotStamps _stamps;

    /// <summary>A sequencer over the ring whose <see cref="RingBuffer{T}.Stamps"/> these are.</summary>
    public MultiProducerSequencer(SlotStamps stamps, IWaitStrategy waitStrategy) : base(stamps.Size, waitStrategy) => _stamps = stamps;

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
        _stamps.Publish(sequence);
        if (SignalOnPublish) WaitStrategy.SignalAllWhenBlocking();
    }

    public override void Publish(long low, long high)
    {
        _stamps.Publish(low, high);
        if (SignalOnPublish) WaitStrategy.SignalAllWhenBlocking();
    }

    public override long GetHighestPublishedSequence(long lowerBound, long availableSequence)
    {
        for (var s = lowerBound; s <= availableSequence; s++)
            if (!_stamps.IsPublished(s)) return s - 1;
        return availableSequence;
    }
}
