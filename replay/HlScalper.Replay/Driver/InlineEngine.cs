using System.Diagnostics.CodeAnalysis;
using HlScalper.Engine.Events;
using HlScalper.Engine.Ring;

namespace HlScalper.Replay.Driver;

/// <summary>One-thread mode: each published slot of the ring is handed to the handler chain at once, on the replay thread.</summary>
/// <remarks>The event still goes through a real ring slot and sequencer, so the handler sees exactly what it sees live; the engine is always caught up, so <see cref="IReplayEngine.Sync"/> has nothing to wait for.</remarks>
public struct InlineEngine<THandler> : IReplayEngine where THandler : struct, IEventHandler<MarketEvent>
{
    private readonly RingBuffer<MarketEvent> _ring;
    private readonly SingleProducerSequencer _sequencer;
    private readonly Sequence _consumed = new();
    private THandler _handler;
    private long _claimed;

    /// <param name="ringSize">Every slot is handled as soon as it is published, so a few slots do: a 1,024-slot ring was 1.1 MB on the
    /// large-object heap per back-test, zeroed and collected in gen 2 on every run of a sweep. For the same reason the ring is not
    /// line-aligned: one thread writes and reads it, and a pinned array would count toward the large-object budget.</param>
    public InlineEngine(THandler handler, int ringSize = 16)
    {
        _ring = new RingBuffer<MarketEvent>(ringSize, lineAligned: false);
        _sequencer = new SingleProducerSequencer(ringSize, new YieldingWaitStrategy());
        _sequencer.AddGatingSequences(_consumed);
        _handler = handler;
        _handler.OnStart();
    }

    /// <summary>The handler chain, by reference: read its state after the run.</summary>
    [UnscopedRef] public ref THandler Handler => ref _handler;

    public long Published { get; private set; }

    // Every published event has been handled already, but whatever the handler submitted must be collected before time moves on.
    public readonly long OldestUnsyncedMs => long.MinValue;

    public ref MarketEvent Claim()
    {
        _claimed = _sequencer.Next();
        return ref _ring[_claimed];
    }

    public void Publish()
    {
        _sequencer.Publish(_claimed);
        _handler.OnBatchStart(1);
        _handler.OnEvent(ref _ring[_claimed], _claimed, true);
        _consumed.SetValue(_claimed);
        Published++;
    }

    public readonly void Sync() { }

    public void Shutdown() => _handler.OnShutdown();
}
