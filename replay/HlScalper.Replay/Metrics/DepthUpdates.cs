using System.Runtime.CompilerServices;
using HlScalper.Engine.Events;
using HlScalper.Replay.Driver;

namespace HlScalper.Replay.Metrics;

/// <summary>A tape's market data counted as a diff-based back-tester counts it: one event a price level inserted, resized or removed between a coin's consecutive book snapshots, one a trade.</summary>
/// <remarks>
/// The tape holds a Hyperliquid l2Book message as one event of up to 40 levels; hftbacktest's Hyperliquid converter turns the
/// same message into one depth event per level that differs from the coin's previous snapshot (a new price, a new size at a
/// price, a price gone), and its first snapshot into one event a level. Events/s quoted by such a tool are in that unit, so a
/// replay rate is comparable with them only counted the same way; the two counts are printed side by side, never mixed.
/// Any other event (trade, BBO, timer) is one.
/// </remarks>
public static class DepthUpdates
{
    /// <summary>The updates of every event of <paramref name="tape"/>, in that count.</summary>
    public static long Of(Tape tape)
    {
        var last = new Dictionary<ushort, Snapshot>();
        long updates = 0;
        using var cursor = tape.Open();
        for (ref readonly var e = ref cursor.Next(); !Unsafe.IsNullRef(in e); e = ref cursor.Next())
        {
            if (e.Kind != EventKind.Book)
            {
                updates++;
                continue;
            }
            if (!last.TryGetValue(e.Coin, out var before)) last[e.Coin] = before = new Snapshot();
            updates += Between(in before.Bids, before.BidCount, in e.Bids, Held(e.BidCount))
                       + Between(in before.Asks, before.AskCount, in e.Asks, Held(e.AskCount));
            (before.Bids, before.BidCount, before.Asks, before.AskCount) = (e.Bids, Held(e.BidCount), e.Asks, Held(e.AskCount));
        }
        return updates;
    }

    /// <summary>Levels of <paramref name="after"/> whose price is new or whose size changed, plus prices of <paramref name="before"/> no longer in it.</summary>
    /// <remarks>Prices are matched by value, not by position, so a level that only moved down the side (one inserted above it) is not an update.</remarks>
    private static int Between(in BookLevels before, int beforeCount, in BookLevels after, int afterCount)
    {
        var updates = 0;
        for (var i = 0; i < afterCount; i++)
        {
            var at = IndexOf(in before, beforeCount, after[i].Px.Raw);
            if (at < 0 || before[at].Sz.Raw != after[i].Sz.Raw) updates++;
        }
        for (var i = 0; i < beforeCount; i++)
            if (IndexOf(in after, afterCount, before[i].Px.Raw) < 0) updates++;
        return updates;
    }

    private static int IndexOf(in BookLevels side, int count, long px)
    {
        for (var i = 0; i < count; i++)
            if (side[i].Px.Raw == px) return i;
        return -1;
    }

    /// <summary>A side's level count as far as the event holds levels (a count past its capacity names levels it does not carry).</summary>
    private static int Held(byte count) => Math.Min((int)count, BookLevels.Capacity);

    /// <summary>A coin's previous snapshot: no levels before its first.</summary>
    private sealed class Snapshot
    {
        public BookLevels Bids, Asks;
        public int BidCount, AskCount;
    }
}
