namespace HlScalper.Engine.Events;

/// <summary>A growable list of events with an <see cref="IMarketEventSink"/> face: where a producer stages what it read before deciding what to keep. Not for the hot path (it grows by reallocating).</summary>
public sealed class EventList
{
    /// <summary>The most room kept after <see cref="Clear"/>: a larger list is given back rather than held (events are 1 KB each).</summary>
    public const int MaxRetainedCapacity = 256;

    private MarketEvent[] _events = new MarketEvent[16];

    public int Count { get; private set; }

    public ref MarketEvent this[int index] => ref _events[index];

    public ReadOnlySpan<MarketEvent> Span => _events.AsSpan(0, Count);

    /// <summary>Empties the list, giving back the room of an unusually large one.</summary>
    public void Clear()
    {
        Count = 0;
        if (_events.Length > MaxRetainedCapacity) _events = new MarketEvent[MaxRetainedCapacity];
    }

    /// <summary>A sink that appends to this list.</summary>
    public Sink AsSink() => new(this);

    private ref MarketEvent ClaimSlot()
    {
        if (Count == _events.Length) Array.Resize(ref _events, _events.Length * 2);
        _events[Count] = default;
        return ref _events[Count];
    }

    /// <summary>The <see cref="IMarketEventSink"/> face of an <see cref="EventList"/>.</summary>
    public readonly struct Sink(EventList list) : IMarketEventSink
    {
        public ref MarketEvent Claim() => ref list.ClaimSlot();

        public void Publish() => list.Count++;
    }
}
