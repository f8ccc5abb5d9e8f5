using System.Diagnostics;

namespace HlScalper.Gateway.Feed;

/// <summary>When a coin last had market data (local ticks and exchange time), and whether its silence was already signalled.</summary>
internal struct CoinClock
{
    private long _lastTicks;
    private long _lastExchangeMs;
    private bool _stale;

    public void Saw(long ticks, long exchangeMs)
    {
        _lastTicks = ticks;
        if (exchangeMs > _lastExchangeMs) _lastExchangeMs = exchangeMs;
        _stale = false;
    }

    /// <summary>Silence is counted from a (re)connect, not from before it.</summary>
    public void Restart(long ticks)
    {
        _lastTicks = ticks;
        _stale = false;
    }

    /// <summary>True exactly once per silent spell longer than <paramref name="after"/>.</summary>
    public bool BecameStale(long now, TimeSpan after)
    {
        if (_stale || Stopwatch.GetElapsedTime(_lastTicks, now) <= after) return false;
        _stale = true;
        return true;
    }

    /// <summary>The exchange clock now, estimated as its last reading plus the local time since (0 before any data).</summary>
    public readonly long EstimatedExchangeTimeMs(long now) =>
        _lastExchangeMs == 0 ? 0 : _lastExchangeMs + (long)Stopwatch.GetElapsedTime(_lastTicks, now).TotalMilliseconds;
}
