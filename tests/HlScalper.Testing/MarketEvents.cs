using HlScalper.Engine.Events;

namespace HlScalper.Testing;

/// <summary>Hand-built market events in whole-dollar prices and lot sizes, for exchange tests.</summary>
public static class MarketEvents
{
    public const long Usd = 100_000_000;
    public const long Lot = 1_000;

    /// <summary>A book with contiguous one-dollar levels from <paramref name="bestBid"/> down and <paramref name="bestAsk"/> up, each <paramref name="lots"/> lots (the best bid's size may differ).</summary>
    public static MarketEvent Book(long time, long bestBid, long bestAsk, long lots, long bestBidLots = -1, int levels = 5)
    {
        var e = new MarketEvent();
        e.Reset(EventKind.Book, 0, time);
        e.BidCount = (byte)levels;
        e.AskCount = (byte)levels;
        for (var i = 0; i < levels; i++)
        {
            var bidLots = i == 0 && bestBidLots >= 0 ? bestBidLots : lots;
            e.Bids[i] = new BookLevel(new((bestBid - i) * Usd), new(bidLots * Lot), 1);
            e.Asks[i] = new BookLevel(new((bestAsk + i) * Usd), new(lots * Lot), 1);
        }
        return e;
    }

    public static MarketEvent Trade(long time, long px, long lots, Side aggressor, long tid = 0)
    {
        var e = new MarketEvent();
        e.Reset(EventKind.Trade, 0, time);
        e.Px = new(px * Usd);
        e.Sz = new(lots * Lot);
        e.Side = aggressor;
        e.Tid = tid;
        return e;
    }
}
