using HlScalper.Engine.Events;

namespace HlScalper.Gateway.Tests;

/// <summary>Events published by a producer on other threads, readable from the test thread.</summary>
public sealed class SharedEvents
{
    private readonly List<MarketEvent> _events = [];
    internal MarketEvent Pending;

    internal void Commit()
    {
        lock (_events) _events.Add(Pending);
    }

    public List<MarketEvent> Snapshot()
    {
        lock (_events) return [.. _events];
    }
}

/// <summary>A sink for producers that run on their own threads (the feed); one claim at a time, as the ring contract says.</summary>
public readonly struct SharedSink(SharedEvents events) : IMarketEventSink
{
    public ref MarketEvent Claim() => ref events.Pending;

    public void Publish() => events.Commit();
}
