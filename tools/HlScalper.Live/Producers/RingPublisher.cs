using HlScalper.Engine.Events;
using HlScalper.Engine.Ring;
using HlScalper.Gateway.Info;
using HlScalper.Live.Recovery;
using HlScalper.Protocol.Info;

namespace HlScalper.Live.Producers;

/// <summary>One more producer of the multi-producer ring for the live run's occasional events (recovery, resync, equity, shutdown), serialised by a lock.</summary>
/// <remarks>The events of one account snapshot are claimed together (<c>Next(n)</c>) and published together (<c>Publish(lo, hi)</c>): the
/// engine never sees half a snapshot, and the producer pays one claim for all of them.</remarks>
public sealed class RingPublisher(RingBuffer<MarketEvent> ring, Sequencer sequencer)
{
    private readonly Lock _lock = new();
    private RingEventSink _sink = new(ring, sequencer);

    public void AccountSync(RecoveryPlan plan, ushort coin, long snapshotMs)
    {
        lock (_lock)
        {
            // One snapshot order update per adopted order, then the AccountSync control.
            var count = plan.Adopt.Count + 1;
            var high = sequencer.Next(count);
            var batch = new ClaimedRange(ring, high - count + 1);
            try
            {
                AccountSyncPublisher.Publish(ref batch, plan, coin, snapshotMs);
            }
            finally
            {
                // A snapshot that failed half-way must still release its slots, or the ring stops at them: what was not filled
                // becomes an empty event (EventKind.None) that every consumer passes over.
                for (var s = batch.Next; s <= high; s++) ring[s].Reset(EventKind.None, coin, snapshotMs);
                sequencer.Publish(high - count + 1, high);
            }
        }
    }

    public void Equity(ClearinghouseState state, long timeMs)
    {
        lock (_lock) AccountSyncPublisher.PublishEquity(ref _sink, state, timeMs);
    }

    public void Control(ControlCode code, ushort coin, long timeMs)
    {
        lock (_lock)
        {
            ref var e = ref _sink.Claim();
            e.Reset(EventKind.Control, coin, timeMs);
            e.Control = code;
            _sink.Publish();
        }
    }

    /// <summary>Publishes a control event (with <paramref name="value"/>) if a slot frees within <paramref name="wait"/>; false when the ring stayed full (its consumer is stuck).</summary>
    public bool TryControl(ControlCode code, ushort coin, long timeMs, TimeSpan wait, long value = 0)
    {
        lock (_lock)
        {
            var deadline = DateTime.UtcNow + wait;
            long sequence;
            while (!sequencer.TryNext(1, out sequence))
            {
                if (DateTime.UtcNow > deadline) return false;
                Thread.Sleep(1);
            }
            ref var e = ref ring[sequence];
            e.Reset(EventKind.Control, coin, timeMs);
            e.Control = code;
            e.Value = value;
            sequencer.Publish(sequence);
            return true;
        }
    }

    /// <summary>Fills a range of slots claimed in advance, in order; publishing is left to the owner of the claim (all at once).</summary>
    private struct ClaimedRange(RingBuffer<MarketEvent> ring, long first) : IMarketEventSink
    {
        public long Next = first;

        public ref MarketEvent Claim() => ref ring[Next];

        public void Publish() => Next++;
    }
}
