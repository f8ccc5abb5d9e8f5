using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;

namespace HlScalper.Engine.Book;

/// <summary>The top 20 levels of one market's order book, fed by snapshots and BBO updates; owned by the engine thread.</summary>
/// <remarks>Levels live inline in the object: applying an event copies at most its 40 levels (960 bytes) and never allocates.</remarks>
public sealed class L2Book
{
    private BookLevels _bids;
    private BookLevels _asks;

    public int BidCount { get; private set; }

    public int AskCount { get; private set; }

    /// <summary>Exchange time (ms) of the last applied snapshot or BBO.</summary>
    public long TimeMs { get; private set; }

    /// <summary>False until the first full snapshot, and again after <see cref="Invalidate"/> (reconnect).</summary>
    public bool IsTrusted { get; private set; }

    /// <summary>Bids, best (highest) first.</summary>
    public ReadOnlySpan<BookLevel> Bids => ((ReadOnlySpan<BookLevel>)_bids)[..BidCount];

    /// <summary>Asks, best (lowest) first.</summary>
    public ReadOnlySpan<BookLevel> Asks => ((ReadOnlySpan<BookLevel>)_asks)[..AskCount];

    /// <summary>Both sides present and not crossed.</summary>
    public bool HasTwoSides => BidCount > 0 && AskCount > 0 && _bids[0].Px < _asks[0].Px;

    public Px BestBid => BidCount > 0 ? _bids[0].Px : default;

    public Px BestAsk => AskCount > 0 ? _asks[0].Px : default;

    public Sz BestBidSize => BidCount > 0 ? _bids[0].Sz : default;

    public Sz BestAskSize => AskCount > 0 ? _asks[0].Sz : default;

    /// <summary>Replaces the book with a full snapshot and marks it trusted.</summary>
    public void ApplySnapshot(ref readonly MarketEvent e)
    {
        BidCount = Math.Min((int)e.BidCount, BookLevels.Capacity);
        AskCount = Math.Min((int)e.AskCount, BookLevels.Capacity);
        // Only the levels the counts hold: nothing reads past them.
        ((ReadOnlySpan<BookLevel>)e.Bids)[..BidCount].CopyTo(_bids);
        ((ReadOnlySpan<BookLevel>)e.Asks)[..AskCount].CopyTo(_asks);
        TimeMs = e.ExchangeTimeMs;
        IsTrusted = true;
    }

    /// <summary>Applies a best bid/offer: each present side's top becomes the BBO level; deeper levels it crossed or replaced are dropped.</summary>
    public void ApplyBbo(ref readonly MarketEvent e)
    {
        if (e.BidCount > 0) BidCount = ReplaceTop(_bids, BidCount, e.Bids[0], Side.Buy);
        if (e.AskCount > 0) AskCount = ReplaceTop(_asks, AskCount, e.Asks[0], Side.Sell);
        TimeMs = e.ExchangeTimeMs;
    }

    /// <summary>Forgets trust after a reconnect: levels stay for display, but nothing should trade on them.</summary>
    public void Invalidate() => IsTrusted = false;

    public void Clear()
    {
        BidCount = 0;
        AskCount = 0;
        TimeMs = 0;
        IsTrusted = false;
    }

    /// <summary>Mid price in raw fixed-point (may fall on half a raw unit, rounded down); 0 without two sides.</summary>
    public long MidRaw => HasTwoSides ? (_bids[0].Px.Raw + _asks[0].Px.Raw) / 2 : 0;

    public double Mid => HasTwoSides ? (_bids[0].Px.Raw + (double)_asks[0].Px.Raw) / 2 / Fixed8.Scale : double.NaN;

    /// <summary>(ask − bid) / mid × 10⁴; NaN without two sides.</summary>
    public double SpreadBps
    {
        get
        {
            if (!HasTwoSides) return double.NaN;
            double bid = _bids[0].Px.Raw, ask = _asks[0].Px.Raw;
            return (ask - bid) / ((ask + bid) / 2) * 10_000;
        }
    }

    /// <summary>Σ bid size / (Σ bid size + Σ ask size) over the top <paramref name="levels"/> of each side; 0.5 when empty.</summary>
    public double Imbalance(int levels)
    {
        double bid = 0, ask = 0;
        var nb = Math.Min(levels, BidCount);
        var na = Math.Min(levels, AskCount);
        for (var i = 0; i < nb; i++) bid += _bids[i].Sz.Raw;
        for (var i = 0; i < na; i++) ask += _asks[i].Sz.Raw;
        var total = bid + ask;
        return total > 0 ? bid / total : 0.5;
    }

    /// <summary>Size-weighted mid, (bid × askSz + ask × bidSz) / (bidSz + askSz): leans toward the side about to be taken out.</summary>
    public double MicroPrice
    {
        get
        {
            if (!HasTwoSides) return double.NaN;
            double bid = _bids[0].Px.Raw, ask = _asks[0].Px.Raw, bs = _bids[0].Sz.Raw, @as = _asks[0].Sz.Raw;
            var total = bs + @as;
            return (total > 0 ? (bid * @as + ask * bs) / total : (bid + ask) / 2) / Fixed8.Scale;
        }
    }

    /// <summary>Visible size resting at exactly <paramref name="px"/> on <paramref name="side"/> (0 when the level is absent or beyond depth).</summary>
    public Sz SizeAt(Side side, Px px)
    {
        var levels = side == Side.Buy ? Bids : Asks;
        foreach (ref readonly var level in levels)
            if (level.Px == px) return level.Sz;
        return default;
    }

    private static int ReplaceTop(Span<BookLevel> levels, int count, BookLevel top, Side side)
    {
        // First existing level strictly worse than the new top survives; everything better or equal is replaced.
        var keepFrom = 0;
        while (keepFrom < count && (side == Side.Buy ? levels[keepFrom].Px >= top.Px : levels[keepFrom].Px <= top.Px)) keepFrom++;
        var kept = Math.Min(count - keepFrom, BookLevels.Capacity - 1);
        if (keepFrom != 1) levels.Slice(keepFrom, kept).CopyTo(levels.Slice(1, kept));
        levels[0] = top;
        return kept + 1;
    }
}
