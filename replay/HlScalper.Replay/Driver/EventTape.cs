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

    /// <summary>Events per coin index: what the data holds, to pick a coin or name the ones present.</summary>
    public long[] CountByCoin()
    {
        var counts = new long[Coins.Count];
        foreach (ref readonly var e in Span) counts[e.Coin]++;
        return counts;
    }

    /// <summary>A tape of one coin's events (renumbered as coin 0, named <paramref name="name"/> or as before), in the same order.</summary>
    public EventTape Only(ushort coin, string? name = null)
    {
        var events = new MarketEvent[CountByCoin()[coin]];
        var n = 0;
        foreach (ref readonly var e in Span)
        {
            if (e.Coin != coin) continue;
            events[n] = e;
            events[n++].Coin = 0;
        }
        return new EventTape(events, n, new CoinTable(name ?? Coins.NameOf(coin)));
    }
}
