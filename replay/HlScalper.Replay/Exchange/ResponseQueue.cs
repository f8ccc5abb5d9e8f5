using HlScalper.Engine.Events;

namespace HlScalper.Replay.Exchange;

/// <summary>The exchange's answers on their way back to the engine: a preallocated FIFO of events, each with the time it reaches the engine.</summary>
/// <remarks>
/// One connection carries every answer, so nothing overtakes: an answer is due no earlier than the one before it, and all
/// answers of one exchange action (an order's ack, its fills, its final update) share one drawn delay and arrive together.
/// </remarks>
internal sealed class ResponseQueue(int capacity)
{
    private readonly MarketEvent[] _events = new MarketEvent[capacity];
    private readonly long[] _due = new long[capacity];
    private int _head;
    private int _count;
    private long _lastDueMs = long.MinValue;

    /// <summary>When the oldest answer reaches the engine; <see cref="long.MaxValue"/> when none is on its way.</summary>
    public long NextDueMs => _count == 0 ? long.MaxValue : _due[_head];

    public ref MarketEvent Claim()
    {
        if (_count == _events.Length)
            throw new InvalidOperationException($"more than {_events.Length} answers on their way at once: raise SimExchangeConfig.MaxInFlight");
        return ref _events[(_head + _count) % _events.Length];
    }

    /// <summary>Queues the claimed event to arrive at <paramref name="dueMs"/>, or after the answer before it when that is later.</summary>
    public void Publish(long dueMs)
    {
        _lastDueMs = Math.Max(_lastDueMs, dueMs);
        _due[(_head + _count) % _events.Length] = _lastDueMs;
        _count++;
    }

    /// <summary>Writes every answer due at <see cref="NextDueMs"/> into <paramref name="sink"/>, after a timer at that time so the engine's clock reads the moment they arrive.</summary>
    public void DeliverNext<TSink>(ref TSink sink) where TSink : struct, IMarketEventSink
    {
        if (_count == 0) return;
        var due = _due[_head];
        ref var timer = ref sink.Claim();
        timer.Reset(EventKind.Timer, 0, due);
        sink.Publish();
        while (_count > 0 && _due[_head] == due)
        {
            ref var e = ref sink.Claim();
            e = _events[_head];
            sink.Publish();
            _head = (_head + 1) % _events.Length;
            _count--;
        }
    }
}
