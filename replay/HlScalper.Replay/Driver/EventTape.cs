using HlScalper.Engine.Events;

namespace HlScalper.Replay.Driver;

/// <summary>Market events decoded once, in time order, shared read-only by any number of replays (sweeps run many over one tape).</summary>
public sealed class EventTape(MarketEvent[] events, int count, CoinTable coins)
{
    public MarketEvent[] Events { get; } = events;

    public int Count { get; } = count;

    public CoinTable Coins { get; } = coins;

    public ReadOnlySpan<MarketEvent> Span => Events.AsSpan(0, Count);

    public long FirstTimeMs => Count == 0 ? 0 : Events[0].ExchangeTimeMs;

    public long LastTimeMs => Count == 0 ? 0 : Events[Count - 1].ExchangeTimeMs;
}
