using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;

namespace HlScalper.Replay.Scripted;

/// <summary>A synthetic five-level book that random-walks on valid prices: moves of up to ±3 ticks, spreads of 1–6 ticks, lopsided sizes.</summary>
/// <remarks>Driven by caller-supplied random words, so CsCheck can shrink a failing walk and benchmarks can use a fixed seed.</remarks>
public sealed class MarketWalk(AssetMeta asset, long startBidRaw)
{
    public const int Levels = 5;

    public AssetMeta Asset => asset;

    public long BidRaw { get; private set; } = asset.RoundPriceDown(startBidRaw);

    public long AskRaw { get; private set; }

    /// <summary>Moves the book by the choices packed in <paramref name="r"/> and writes it as a snapshot event.</summary>
    public void Next(uint r, ushort coin, long timeMs, ref MarketEvent e)
    {
        var move = (int)(r % 7) - 3;
        var spreadTicks = 1 + (int)(r / 7 % 6);
        var bidHeavy = r / 42 % 2 == 0;
        var skew = 1 + (int)(r / 84 % 4);
        var bid = BidRaw;
        for (var i = 0; i < Math.Abs(move); i++)
        {
            var next = move > 0 ? asset.TickUp(bid) : asset.TickDown(bid);
            if (next > 0) bid = next;
        }
        BidRaw = bid;
        var ask = bid;
        for (var i = 0; i < spreadTicks; i++) ask = asset.TickUp(ask);
        AskRaw = ask;

        e.Reset(EventKind.Book, coin, timeMs);
        e.BidCount = Levels;
        e.AskCount = Levels;
        var lot = PriceRules.LotSize(asset.SzDecimals);
        long bp = bid, ap = ask;
        for (var i = 0; i < Levels; i++)
        {
            var baseLots = 100 + (long)((r >> (i * 3)) % 50);
            e.Bids[i] = new BookLevel(new Px(bp), new Sz(baseLots * lot * (bidHeavy ? skew : 1)), 1);
            e.Asks[i] = new BookLevel(new Px(ap), new Sz(baseLots * lot * (bidHeavy ? 1 : skew)), 1);
            bp = asset.TickDown(bp);
            ap = asset.TickUp(ap);
        }
    }
}
