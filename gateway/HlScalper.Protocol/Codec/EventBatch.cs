using HlScalper.Engine.Events;

namespace HlScalper.Protocol.Codec;

/// <summary>The events of one message, staged so a message is published whole or not at all.</summary>
/// <remarks>
/// A ring slot, once claimed, must be published; a parser that fails half-way through a trades array
/// cannot take slots back. Staging costs one copy of the used part of each event (<see cref="EventCopy"/>).
/// </remarks>
internal sealed class EventBatch
{
    private MarketEvent[] _items = new MarketEvent[64];

    public int Count { get; private set; }

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

    public void Clear() => Count = 0;
}
