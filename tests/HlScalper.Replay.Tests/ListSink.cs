using HlScalper.Engine.Events;

namespace HlScalper.Replay.Tests;

/// <summary>An event sink that keeps copies of everything published, for asserting on what the exchange wrote.</summary>
public sealed class EventList
{
    public readonly List<MarketEvent> Events = [];
    internal MarketEvent Scratch;

    public ListSink Sink => new(this);

    public IEnumerable<MarketEvent> OfKind(EventKind kind) => Events.Where(e => e.Kind == kind);
}

/// <summary>The <see cref="IMarketEventSink"/> face of an <see cref="EventList"/>.</summary>
public readonly struct ListSink(EventList list) : IMarketEventSink
{
    public ref MarketEvent Claim() => ref list.Scratch;

    public void Publish() => list.Events.Add(list.Scratch);
}
