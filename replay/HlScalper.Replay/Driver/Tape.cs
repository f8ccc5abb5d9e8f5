using HlScalper.Engine.Events;

namespace HlScalper.Replay.Driver;

/// <summary>Market events in time order that any number of replays read at once, each through its own cursor: an array in memory (<see cref="EventTape"/>) or compact files streamed from disk.</summary>
public abstract class Tape
{
    public abstract CoinTable Coins { get; }

    /// <summary>The market events a full read yields.</summary>
    public abstract long EventCount { get; }

    public abstract long FirstTimeMs { get; }

    public abstract long LastTimeMs { get; }

    /// <summary>A new reader from the first event; readers of one tape are independent (one per sweep run).</summary>
    public abstract TapeCursor Open();

    /// <summary>Events per coin index: what the data holds, to pick a coin or name the ones present.</summary>
    public abstract long[] CountByCoin();

    /// <summary>A tape of one coin's events (renumbered as coin 0, named <paramref name="name"/> or as before), in the same order.</summary>
    public abstract Tape Only(ushort coin, string? name = null);

    /// <summary>The whole tape as an array in memory (for the verbs that index events: the local exchange's replayer).</summary>
    public virtual EventTape ToEventTape()
    {
        var events = new MarketEvent[checked((int)EventCount)];
        var n = 0;
        using var cursor = Open();
        for (ref readonly var e = ref cursor.Next(); !System.Runtime.CompilerServices.Unsafe.IsNullRef(in e); e = ref cursor.Next())
        {
            if (n == events.Length) Array.Resize(ref events, n * 2 + 16);
            events[n++] = e;
        }
        return new EventTape(events, n, Coins);
    }
}
