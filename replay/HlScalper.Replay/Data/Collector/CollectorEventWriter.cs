using System.Diagnostics;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Replay.Driver;

namespace HlScalper.Replay.Data.Collector;

/// <summary>Turns the collector's rows (CSV or Parquet, already split into values) into market events: books, trades, and BBOs paired from their bid and ask rows.</summary>
/// <remarks>
/// The collector stored floats, so the original decimal strings are gone; a value becomes fixed point by rounding to 8
/// decimals, which restores the exchange's price and size exactly (both have far fewer decimals). The order count of a
/// level is not kept: it is written as 1, as in the derived archive files.
/// </remarks>
internal sealed class CollectorEventWriter(TapeBuilder builder, ushort coin)
{
    private readonly long[] _bidPx = new long[CollectorColumns.Levels];
    private readonly long[] _bidSz = new long[CollectorColumns.Levels];
    private readonly long[] _askPx = new long[CollectorColumns.Levels];
    private readonly long[] _askSz = new long[CollectorColumns.Levels];
    private long _bboTimeMs = long.MinValue;
    private double _bboLocalSeconds;
    private BookLevel _bid;
    private BookLevel _ask;
    private bool _hasBid;
    private bool _hasAsk;

    public long Events { get; private set; }

    /// <summary>Level <paramref name="level"/> of the next book; zero price means the side has no such level.</summary>
    public void Level(int level, long bidPx, long bidSz, long askPx, long askSz)
    {
        _bidPx[level] = bidPx;
        _bidSz[level] = bidSz;
        _askPx[level] = askPx;
        _askSz[level] = askSz;
    }

    /// <summary>Writes the book whose levels were given by <see cref="Level"/>.</summary>
    public void Book(long exchangeMs, double localSeconds)
    {
        var sink = builder.Sink;
        ref var e = ref sink.Claim();
        e.Reset(EventKind.Book, coin, exchangeMs);
        e.ReceiveTimestamp = Ticks(localSeconds);
        e.BidCount = Side(_bidPx, _bidSz, ref e.Bids);
        e.AskCount = Side(_askPx, _askSz, ref e.Asks);
        sink.Publish();
        Events++;
    }

    public void Trade(long exchangeMs, double localSeconds, long px, long sz, Side side, long tid)
    {
        var sink = builder.Sink;
        ref var e = ref sink.Claim();
        e.Reset(EventKind.Trade, coin, exchangeMs);
        e.ReceiveTimestamp = Ticks(localSeconds);
        e.Px = new(px);
        e.Sz = new(sz);
        e.Side = side;
        e.Tid = tid;
        sink.Publish();
        Events++;
    }

    /// <summary>One side of a BBO update; the bid and ask rows of one update share their exchange time, so a new time (or a side seen twice) closes the update.</summary>
    public void BboSide(long exchangeMs, double localSeconds, bool isBid, long px, long sz)
    {
        if (exchangeMs != _bboTimeMs || (isBid ? _hasBid : _hasAsk)) FlushBbo();
        _bboTimeMs = exchangeMs;
        _bboLocalSeconds = localSeconds;
        if (isBid)
        {
            _bid = new BookLevel(new(px), new(sz), 1);
            _hasBid = true;
        }
        else
        {
            _ask = new BookLevel(new(px), new(sz), 1);
            _hasAsk = true;
        }
    }

    /// <summary>Writes a BBO update still waiting for its other side (the end of a file).</summary>
    public void FlushBbo()
    {
        if (!_hasBid && !_hasAsk) return;
        var sink = builder.Sink;
        ref var e = ref sink.Claim();
        e.Reset(EventKind.Bbo, coin, _bboTimeMs);
        e.ReceiveTimestamp = Ticks(_bboLocalSeconds);
        e.BidCount = (byte)(_hasBid ? 1 : 0);
        e.AskCount = (byte)(_hasAsk ? 1 : 0);
        if (_hasBid) e.Bids[0] = _bid;
        if (_hasAsk) e.Asks[0] = _ask;
        sink.Publish();
        Events++;
        _hasBid = _hasAsk = false;
    }

    /// <summary>A float the collector wrote, as exact fixed point (rounded to 8 decimals); false for NaN, infinities and out-of-range values.</summary>
    public static bool TryFixed8(double value, out long raw)
    {
        raw = 0;
        if (!double.IsFinite(value) || Math.Abs(value) > 9e10) return false;
        raw = (long)Math.Round((decimal)value * Fixed8.Scale, MidpointRounding.AwayFromZero);
        return true;
    }

    /// <summary>Local receive time in seconds as the receive timestamp the other readers write (Stopwatch ticks of Unix time).</summary>
    private static long Ticks(double localSeconds) =>
        double.IsFinite(localSeconds) && localSeconds > 0 ? (long)(localSeconds * Stopwatch.Frequency) : 0;

    private static byte Side(long[] px, long[] sz, ref BookLevels levels)
    {
        byte count = 0;
        for (var l = 0; l < CollectorColumns.Levels && px[l] > 0; l++)
        {
            levels[l] = new BookLevel(new(px[l]), new(sz[l]), 1);
            count++;
        }
        return count;
    }
}
