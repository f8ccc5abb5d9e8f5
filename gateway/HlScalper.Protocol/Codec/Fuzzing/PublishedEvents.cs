using HlScalper.Engine.Events;

namespace HlScalper.Protocol.Codec.Fuzzing;

/// <summary>The events one codec call published, kept for inspection.</summary>
internal sealed class PublishedEvents
{
    private MarketEvent[] _events = new MarketEvent[EventBatch.InitialCapacity];

    public int Count { get; private set; }

    public ref readonly MarketEvent this[int index] => ref _events[index];

    public Sink Start()
    {
        Count = 0;
        return new Sink(this);
    }

    /// <summary>The <see cref="IMarketEventSink"/> face.</summary>
    public readonly struct Sink(PublishedEvents owner) : IMarketEventSink
    {
        public ref MarketEvent Claim()
        {
            if (owner.Count == owner._events.Length) Array.Resize(ref owner._events, owner._events.Length * 2);
            owner._events[owner.Count] = default;
            return ref owner._events[owner.Count];
        }

        public void Publish() => owner.Count++;
    }
}
