using HlScalper.Engine.Events;

namespace HlScalper.Replay.Driver;

/// <summary>Market events decoded once into an array, in time order, shared read-only by any number of replays.</summary>
public sealed class EventTape(MarketEvent[] events, int count, CoinTable coins) : Tape
{
    public MarketEvent[] Events { get; } = events;

    public int Count { get; } = count;

    public override CoinTable Coins { get; } = coins;

    public override long EventCount => Count;

    public ReadOnlySpan<MarketEvent> Span => Events.AsSpan(0, Count);

    public override long FirstTimeMs => Count == 0 ? 0 : Events[0].ExchangeTimeMs;

    public override long LastTimeMs => Count == 0 ? 0 : Events[Count - 1].ExchangeTimeMs;

    public override TapeCursor Open() => new ArrayCursor(this);

    public override EventTape ToEventTape() => this;

    public override long[] CountByCoin()
    {
        var counts = new long[Coins.Count];
        foreach (ref readonly var e in Span) counts[e.Coin]++;
        return counts;
    }

    public override EventTape Only(ushort coin, string? name = null)
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

    /// <summary>Hands out references into the array itself: no copy.</summary>
    private sealed class ArrayCursor(EventTape tape) : TapeCursor
    {
        private int _next;

        public override ref readonly MarketEvent Next()
        {
            if (_next >= tape.Count) return ref System.Runtime.CompilerServices.Unsafe.NullRef<MarketEvent>();
            return ref tape.Events[_next++];
        }
    }
}
