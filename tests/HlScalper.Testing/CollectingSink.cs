using HlScalper.Engine.Events;

namespace HlScalper.Testing;

/// <summary>Events a test sink received, in order.</summary>
public sealed class EventLog
{
    private MarketEvent[] _events = new MarketEvent[256];

    public int Count { get; private set; }

    public ref MarketEvent this[int index] => ref _events[index];

    internal ref MarketEvent Next()
    {
        if (Count == _events.Length) Array.Resize(ref _events, _events.Length * 2);
        return ref _events[Count];
    }

    internal void Commit() => Count++;

    public void Clear() => Count = 0;

    public IEnumerable<string> Describe()
    {
        for (var i = 0; i < Count; i++) yield return EventText.Of(in _events[i]);
    }
}

/// <summary>A sink that keeps everything, for asserting on what a producer published.</summary>
public readonly struct CollectingSink(EventLog log) : IMarketEventSink
{
    public ref MarketEvent Claim() => ref log.Next();

    public void Publish() => log.Commit();
}
