using HlScalper.Engine.Events;

namespace HlScalper.Replay.Synthetic;

/// <summary>A seeded generator of a BTC-like order book and trade stream: the built-in market of <c>hlscalper backtest</c>.</summary>
/// <remarks>
/// <para>An event-driven book of 20 contiguous one-tick levels a side. Market orders arrive as a Hawkes
/// process (each trade raises the intensity, which decays back: bursts), choose their side from book
/// imbalance and recent flow, and walk the book; limit orders join levels near the touch (queues build),
/// cancellations take them out (queues deplete); an emptied best level moves the price and the spread
/// refills from inside. Log volatility follows a mean-reverting random walk that scales every rate
/// (volatility clustering).</para>
/// <para>Emits an l2Book snapshot every block (~0.55 s, jittered) and every trade as it happens. Same
/// config and seed → the same stream, event for event.</para>
/// </remarks>
public sealed class SyntheticMarket
{
    private const int Levels = BookLevels.Capacity;

    private readonly SyntheticMarketConfig _config;
    private readonly long[] _bids = new long[Levels];
    private readonly long[] _asks = new long[Levels];
    private SplitMix64 _random;
    private long _bestBid;
    private long _bestAsk;
    private double _logVol;
    private double _excitation;
    private double _flow;
    private long _nextTid = 1;

    public SyntheticMarket(SyntheticMarketConfig config)
    {
        _config = config;
        _random = new SplitMix64(config.Seed);
    }

    /// <summary>Writes the whole stream for coin index <paramref name="coin"/> into <paramref name="sink"/>; returns the number of events.</summary>
    public long Generate<TSink>(ushort coin, ref TSink sink) where TSink : struct, IMarketEventSink
    {
        _bestBid = _config.StartBidTicks;
        _bestAsk = _bestBid + 1;
        for (var i = 0; i < Levels; i++)
        {
            _bids[i] = FreshLevel();
            _asks[i] = FreshLevel();
        }
        var written = 0L;
        var end = _config.StartTimeMs + _config.DurationMs;
        var now = (double)_config.StartTimeMs;
        var nextBook = now;
        var volDecay = Math.Log(2) / _config.VolHalfLifeSeconds;
        var volNoise = _config.VolOfVol * Math.Sqrt(2 * volDecay);
        while (now < end)
        {
            var vol = Math.Exp(_logVol);
            var tradeRate = _config.TradeRate * vol + _excitation;
            var addRate = _config.AddRate * vol;
            var cancelRate = _config.CancelRate * vol;
            var improveRate = _bestAsk - _bestBid > 1 ? _config.RefillRate * vol : 0;
            var total = tradeRate + addRate + cancelRate + improveRate;
            var dtSeconds = _random.NextExponential(1.0 / total);
            var next = now + dtSeconds * 1000;

            while (nextBook <= next && nextBook < end)
            {
                WriteBook(coin, (long)nextBook, ref sink);
                written++;
                nextBook += _config.BookIntervalMs * (0.7 + 0.6 * _random.NextDouble());
            }
            now = next;
            if (now >= end) break;

            _logVol += -volDecay * _logVol * dtSeconds + volNoise * Math.Sqrt(dtSeconds) * _random.NextGaussian();
            _excitation *= Math.Exp(-_config.TradeDecayPerSecond * dtSeconds);
            _flow *= Math.Exp(-dtSeconds / 5);

            var pick = _random.NextDouble() * total;
            if (pick < tradeRate) written += MarketOrder(coin, (long)now, vol, ref sink);
            else if ((pick -= tradeRate) < addRate) AddLiquidity();
            else if ((pick -= addRate) < cancelRate) CancelLiquidity();
            else Improve();
        }
        return written;
    }

    private long MarketOrder<TSink>(ushort coin, long time, double vol, ref TSink sink) where TSink : struct, IMarketEventSink
    {
        _excitation += _config.TradeExcitation;
        double bidDepth = 0, askDepth = 0;
        for (var i = 0; i < 5; i++)
        {
            bidDepth += _bids[i];
            askDepth += _asks[i];
        }
        var pBuy = Math.Clamp(0.5 + 0.25 * (bidDepth - askDepth) / (bidDepth + askDepth) + 0.3 * _flow, 0.1, 0.9);
        var side = _random.NextDouble() < pBuy ? Side.Buy : Side.Sell;
        _flow = Math.Clamp(_flow + (side == Side.Buy ? 0.2 : -0.2), -1, 1);
        var remaining = Lots(Math.Exp(Math.Log(0.02) + 1.3 * _random.NextGaussian()) * Math.Sqrt(vol));
        var written = 0L;
        var book = side == Side.Buy ? _asks : _bids;
        while (remaining > 0 && written < Levels)
        {
            var take = Math.Min(remaining, book[0]);
            var px = side == Side.Buy ? _bestAsk : _bestBid;
            ref var e = ref sink.Claim();
            e.Reset(EventKind.Trade, coin, time);
            e.Px = new(px * _config.TickRaw);
            e.Sz = new(take);
            e.Side = side;
            e.Tid = _nextTid++;
            sink.Publish();
            written++;
            remaining -= take;
            book[0] -= take;
            if (book[0] == 0) RemoveBest(side.Opposite());
        }
        return written;
    }

    private void AddLiquidity()
    {
        var side = _random.NextDouble() < 0.5 ? Side.Buy : Side.Sell;
        var level = GeometricLevel(0.35);
        (side == Side.Buy ? _bids : _asks)[level] += Lots(Math.Exp(Math.Log(0.15) + 1.2 * _random.NextGaussian()));
    }

    private void CancelLiquidity()
    {
        var side = _random.NextDouble() < 0.5 ? Side.Buy : Side.Sell;
        var book = side == Side.Buy ? _bids : _asks;
        var level = GeometricLevel(0.4);
        if (level == 0 && _random.NextDouble() < 0.12)
        {
            RemoveBest(side);
            return;
        }
        var cut = (long)(book[level] * (0.1 + 0.8 * _random.NextDouble()));
        book[level] = Math.Max(_config.LotRaw, RoundToLot(book[level] - cut));
    }

    /// <summary>A new order inside the spread becomes the best level.</summary>
    private void Improve()
    {
        var side = _random.NextDouble() < 0.5 ? Side.Buy : Side.Sell;
        var book = side == Side.Buy ? _bids : _asks;
        Array.Copy(book, 0, book, 1, Levels - 1);
        book[0] = Lots(Math.Exp(Math.Log(0.1) + 1.0 * _random.NextGaussian()));
        if (side == Side.Buy) _bestBid++;
        else _bestAsk--;
    }

    private void RemoveBest(Side side)
    {
        var book = side == Side.Buy ? _bids : _asks;
        Array.Copy(book, 1, book, 0, Levels - 1);
        book[Levels - 1] = FreshLevel();
        if (side == Side.Buy) _bestBid--;
        else _bestAsk++;
    }

    private void WriteBook<TSink>(ushort coin, long time, ref TSink sink) where TSink : struct, IMarketEventSink
    {
        ref var e = ref sink.Claim();
        e.Reset(EventKind.Book, coin, time);
        e.BidCount = Levels;
        e.AskCount = Levels;
        for (var i = 0; i < Levels; i++)
        {
            e.Bids[i] = new BookLevel(new((_bestBid - i) * _config.TickRaw), new(_bids[i]), OrderCount(_bids[i]));
            e.Asks[i] = new BookLevel(new((_bestAsk + i) * _config.TickRaw), new(_asks[i]), OrderCount(_asks[i]));
        }
        sink.Publish();
    }

    private int OrderCount(long sizeRaw) => 1 + (int)Math.Min(40, sizeRaw / (20 * _config.LotRaw * 1000));

    private int GeometricLevel(double p)
    {
        var level = 0;
        while (level < Levels - 1 && _random.NextDouble() > p) level++;
        return level;
    }

    private long FreshLevel() => Lots(Math.Exp(Math.Log(0.6) + 1.0 * _random.NextGaussian()));

    private long Lots(double coins) => Math.Max(_config.LotRaw, RoundToLot((long)(coins * Engine.Numbers.Fixed8.Scale)));

    private long RoundToLot(long raw) => raw - raw % _config.LotRaw;
}
