using HlScalper.Engine.Events;
using HlScalper.Engine.Ring;
using HlScalper.Gateway.Info;
using HlScalper.Live.Recovery;
using HlScalper.Protocol.Info;

namespace HlScalper.Live.Producers;

/// <summary>One more producer of the multi-producer ring for the live run's occasional events (recovery, resync, equity, shutdown), serialised by a lock.</summary>
public sealed class RingPublisher(RingBuffer<MarketEvent> ring, Sequencer sequencer)
{
    private readonly Lock _lock = new();
    private RingEventSink _sink = new(ring, sequencer);

    public void AccountSync(RecoveryPlan plan, ushort coin, long snapshotMs)
    {
        lock (_lock) AccountSyncPublisher.Publish(ref _sink, plan, coin, snapshotMs);
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

    /// <summary>Publishes a control event if a slot frees within <paramref name="wait"/>; false when the ring stayed full (its consumer is stuck).</summary>
    public bool TryControl(ControlCode code, ushort coin, long timeMs, TimeSpan wait)
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
            sequencer.Publish(sequence);
            return true;
        }
    }
}
