using HlScalper.Engine.Events;
using HlScalper.Engine.Ring;

namespace HlScalper.Replay.Driver;

/// <summary>Two-thread mode: the replay thread publishes into the ring, a <see cref="BatchEventProcessor{T,THandler}"/> runs the handler chain on its own thread, as live.</summary>
/// <remarks>
/// The driver only waits for the engine (<see cref="IReplayEngine.Sync"/>) when an intent the engine may still submit
/// could reach the exchange before the next event: between syncs the engine runs ahead by up to the
/// minimum latency, and the outcome is the same as in one-thread mode.
/// </remarks>
public sealed class ThreadedEngine<THandler> : IDisposable where THandler : struct, IEventHandler<MarketEvent>
{
    private readonly RingBuffer<MarketEvent> _ring;
    private readonly SingleProducerSequencer _sequencer;
    private readonly BatchEventProcessor<MarketEvent, THandler> _processor;

    public ThreadedEngine(THandler handler, int ringSize = 4096, IWaitStrategy? waitStrategy = null, int? cpu = null)
    {
        _ring = new RingBuffer<MarketEvent>(ringSize);
        _sequencer = new SingleProducerSequencer(ringSize, waitStrategy ?? new YieldingWaitStrategy());
        _processor = new BatchEventProcessor<MarketEvent, THandler>(_ring, _sequencer.NewBarrier(), handler, name: "replay-engine");
        _sequencer.AddGatingSequences(_processor.Sequence);
        _processor.Start(cpu);
    }

    /// <summary>The handler chain, by reference: read it only after <see cref="Dispose"/> (the engine thread owns it while running).</summary>
    public ref THandler Handler => ref _processor.Handler;

    /// <summary>The sink the driver writes through.</summary>
    public Port Sink => new(this);

    public void Dispose()
    {
        if (!_processor.IsRunning) return;
        _processor.WaitUntilConsumed(_sequencer.Cursor.Value);
        _processor.Halt();
    }

    /// <summary>The struct the driver is generic over; all state lives in the engine object.</summary>
    public struct Port(ThreadedEngine<THandler> engine) : IReplayEngine
    {
        private long _claimed;
        private long _lastPublished = -1;

        public long OldestUnsyncedMs { get; private set; } = long.MaxValue;

        public long Published { get; private set; }

        public ref MarketEvent Claim()
        {
            _claimed = engine._sequencer.Next();
            return ref engine._ring[_claimed];
        }

        public void Publish()
        {
            if (OldestUnsyncedMs == long.MaxValue) OldestUnsyncedMs = engine._ring[_claimed].ExchangeTimeMs;
            engine._sequencer.Publish(_claimed);
            _lastPublished = _claimed;
            Published++;
        }

        public void Sync()
        {
            engine._processor.WaitUntilConsumed(_lastPublished);
            if (engine._processor.Fault is { } fault)
                throw new InvalidOperationException("the engine's handler chain failed during replay", fault);
            OldestUnsyncedMs = long.MaxValue;
        }
    }
}
