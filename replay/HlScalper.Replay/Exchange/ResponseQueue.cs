using HlScalper.Engine.Events;

namespace HlScalper.Replay.Exchange;

/// <summary>The exchange's answers on their way back to the engine: a FIFO of events, each with the time it reaches the engine.</summary>
/// <remarks>
/// One connection carries every answer, so nothing overtakes: an answer is due no earlier than the one before it, and all
/// answers of one exchange action (an order's ack, its fills, its final update) share one drawn delay and arrive together.
/// It starts small and doubles up to <c>maxCapacity</c>: a back-test rarely has more than a few answers on their way, and
/// the whole 8,192 × 1,080 bytes up front was 8.8 MB on the large-object heap for every back-test with a response latency.
/// </remarks>
internal sealed class ResponseQueue(int maxCapacity)
{
    private const int InitialCapacity = 16;

    private MarketEvent[] _events = new MarketEvent[Math.Min(InitialCapacity, maxCapacity)];
    private long[] _due = new long[Math.Min(InitialCapacity, maxCapacity)];
    private int _head;
    private int _count;
    private long _lastDueMs = long.MinValue;

    /// <summary>When the oldest answer reaches the engine; <see cref="long.MaxValue"/> when none is on its way.</summary>
    public long NextDueMs => _count == 0 ? long.MaxValue : _due[_head];

    /// <summary>Answers that fit before the queue grows again.</summary>
    internal int Capacity => _events.Length;

    public ref MarketEvent Claim()
    {
        if (_count == _events.Length) Grow();
        return ref _events[(_head + _count) % _events.Length];
    }

    /// <summary>Doubles the queue (up to its cap), its answers moved to the front in their order.</summary>
    private void Grow()
    {
        if (_events.Length >= maxCapacity)
            throw new InvalidOperationException($"more than {maxCapacity} answers on their way at once: raise SimExchangeConfig.MaxInFlight");
        var size = Math.Min(maxCapacity, _events.Length * 2);
        var events = new MarketEvent[size];
        var due = new long[size];
        for (var i = 0; i < _count; i++)
        {
            var from = (_head + i) % _events.Length;
            events[i] = _events[from];
            due[i] = _due[from];
        }
        _events = events;
        _due = due;
        _head = 0;
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
