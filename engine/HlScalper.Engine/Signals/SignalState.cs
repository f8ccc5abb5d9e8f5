using HlScalper.Engine.Book;

namespace HlScalper.Engine.Signals;

/// <summary>The slot runner's inputs, recomputed on every book change: imbalance, spread, micro-momentum and the best prices they came from.</summary>
public struct SignalState(int imbalanceLevels, double emaTimeConstantMs)
{
    private TimeDecayEma _ema = new(emaTimeConstantMs);

    /// <summary>Σ bid size / (Σ bid + Σ ask size) over the top levels; 0.5 without a book.</summary>
    public double Imbalance { get; private set; } = 0.5;

    /// <summary>(ask − bid) / mid × 10⁴; NaN without two sides.</summary>
    public double SpreadBps { get; private set; } = double.NaN;

    /// <summary>Mid − EMA(mid), in price units.</summary>
    public double Momentum { get; private set; }

    /// <summary>Best bid (raw) of the last two-sided book; kept while the book is one-sided so exits can still be priced.</summary>
    public long BestBidRaw { get; private set; }

    public long BestAskRaw { get; private set; }

    /// <summary>True when the last update saw a trusted, two-sided, uncrossed book.</summary>
    public bool IsValid { get; private set; }

    public readonly double Mid => (BestBidRaw + (double)BestAskRaw) / 2 / Numbers.Fixed8.Scale;

    public void Update(L2Book book, long timeMs)
    {
        IsValid = book.IsTrusted && book.HasTwoSides;
        if (!book.HasTwoSides)
        {
            SpreadBps = double.NaN;
            return;
        }
        BestBidRaw = book.BestBid.Raw;
        BestAskRaw = book.BestAsk.Raw;
        Imbalance = book.Imbalance(imbalanceLevels);
        SpreadBps = book.SpreadBps;
        var mid = book.Mid;
        _ema.Update(mid, timeMs);
        Momentum = mid - _ema.Value;
    }

    /// <summary>After a feed reset: the momentum baseline restarts from the next trusted book.</summary>
    public void Invalidate()
    {
        IsValid = false;
        _ema.Reset();
        Momentum = 0;
    }
}
