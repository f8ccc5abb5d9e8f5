using HlScalper.Engine.Events;

namespace HlScalper.LocalExchange.Venue;

/// <summary>Collects what the matching core answers (order updates, fills) for one call, to be applied to the account and pushed afterwards.</summary>
public sealed class EventCollector
{
    private MarketEvent[] _events = new MarketEvent[16];

    public int Count { get; private set; }

    public ReadOnlySpan<MarketEvent> Events => _events.AsSpan(0, Count);

    public ref MarketEvent this[int index] => ref _events[index];

    public void Clear() => Count = 0;

    /// <summary>The <see cref="IMarketEventSink"/> the matching core writes into.</summary>
    public Sink AsSink() => new(this);

    private ref MarketEvent Claim()
    {
        if (Count == _events.Length) Array.Resize(ref _events, _events.Length * 2);
        return ref _events[Count];
    }

    /// <summary>The struct sink face of an <see cref="EventCollector"/>.</summary>
    public readonly struct Sink(EventCollector collector) : IMarketEventSink
    {
        public ref MarketEvent Claim() => ref collector.Claim();

        public void Publish() => collector.Count++;
    }
}
