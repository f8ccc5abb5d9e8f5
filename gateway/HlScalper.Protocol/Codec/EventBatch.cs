using HlScalper.Engine.Events;

namespace HlScalper.Protocol.Codec;

/// <summary>The events of one message, staged so a message is published whole or not at all; a post answer's statuses beside them.</summary>
/// <remarks>
/// A ring slot, once claimed, must be published; a parser that fails half-way through a trades array
/// cannot take slots back. Staging costs one copy of the used part of each event (<see cref="EventCopy"/>).
/// </remarks>
internal sealed class EventBatch
{
    /// <summary>Room the batch starts with: a 20-level book is one event, a trades message a handful.</summary>
    public const int InitialCapacity = 64;

    /// <summary>The most room kept between messages: above the largest real trades messages (185 trades in the recordings), so ordinary traffic never reallocates.</summary>
    public const int MaxRetainedCapacity = 256;

    private MarketEvent[] _items = new MarketEvent[InitialCapacity];

    public int Count { get; private set; }

    /// <summary>The statuses of a post answer (the message has no events then).</summary>
    public StatusBatch Statuses { get; } = new();

    /// <summary>A reset slot for the next event; grows (allocates) only when a message has more events than ever before.</summary>
    public ref MarketEvent Add(EventKind kind)
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        ref var e = ref _items[Count++];
        e.Reset(kind, 0, 0);
        return ref e;
    }

    /// <summary>Drops the last event (an item for a coin nobody subscribed to).</summary>
    public void RemoveLast() => Count--;

    public ref MarketEvent this[int index] => ref _items[index];

    public void Clear()
    {
        Count = 0;
        Statuses.Clear();
    }

    /// <summary>Capacity now: grows with a large message, back to at most <see cref="MaxRetainedCapacity"/> after it.</summary>
    public int Capacity => _items.Length;

    /// <summary>Gives back what a huge message grew (events are 1 KB each, a 1 MiB trades message stages 35 MB), so it is not held until the next huge one.</summary>
    public void ShrinkIfGrown()
    {
        Statuses.ShrinkIfGrown();
        if (_items.Length > MaxRetainedCapacity) _items = new MarketEvent[MaxRetainedCapacity];
    }
}
