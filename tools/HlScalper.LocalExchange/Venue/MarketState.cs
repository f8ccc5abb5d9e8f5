using HlScalper.Engine.Book;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;

namespace HlScalper.LocalExchange.Venue;

/// <summary>The replayed market as the exchange shows it: one book per coin, the last trade, and the last BBO sent.</summary>
public sealed class MarketState
{
    private readonly L2Book[] _books;
    private readonly long[] _lastTradePx;
    private readonly (long Bid, long Ask)[] _lastBbo;

    public MarketState(CoinTable coins, IReadOnlyList<AssetMeta> assets)
    {
        Coins = coins;
        Assets = assets;
        _books = [.. Enumerable.Range(0, coins.Count).Select(_ => new L2Book())];
        _lastTradePx = new long[coins.Count];
        _lastBbo = new (long, long)[coins.Count];
    }

    public CoinTable Coins { get; }

    /// <summary>Metadata by coin index.</summary>
    public IReadOnlyList<AssetMeta> Assets { get; }

    public int CoinCount => _books.Length;

    public L2Book Book(ushort coin) => _books[coin];

    /// <summary>The coin index of an asset id, or -1.</summary>
    public int CoinOfAsset(int asset)
    {
        for (var i = 0; i < Assets.Count; i++)
            if (Assets[i].AssetId == asset) return i;
        return -1;
    }

    /// <summary>Mid of the book, or the last trade when a side is empty; 0 before any data.</summary>
    public long Mark(ushort coin) => _books[coin].MidRaw is var mid and > 0 ? mid : _lastTradePx[coin];

    /// <summary>Applies a market event; true when it changed the best bid or offer (a <c>bbo</c> push is due).</summary>
    public bool Apply(ref readonly MarketEvent e)
    {
        if (e.Coin >= _books.Length) return false;
        var book = _books[e.Coin];
        switch (e.Kind)
        {
            case EventKind.Book:
                book.ApplySnapshot(in e);
                break;
            case EventKind.Bbo:
                book.ApplyBbo(in e);
                break;
            case EventKind.Trade:
                _lastTradePx[e.Coin] = e.Px.Raw;
                return false;
            default:
                return false;
        }
        var bbo = (book.BestBid.Raw, book.BestAsk.Raw);
        if (bbo == _lastBbo[e.Coin]) return false;
        _lastBbo[e.Coin] = bbo;
        return true;
    }

    /// <summary>The current book of <paramref name="coin"/> as a book event stamped <paramref name="timeMs"/> (for snapshots on subscribe).</summary>
    public MarketEvent Snapshot(ushort coin, long timeMs)
    {
        var book = _books[coin];
        var e = new MarketEvent();
        e.Reset(EventKind.Book, coin, timeMs);
        book.Bids.CopyTo(e.Bids);
        book.Asks.CopyTo(e.Asks);
        e.BidCount = (byte)book.BidCount;
        e.AskCount = (byte)book.AskCount;
        return e;
    }
}
