namespace HlScalper.Engine.Risk;

/// <summary>At most N cancels in any rolling second: a token bucket whose every token comes back exactly one second after it was spent.</summary>
/// <remarks>
/// A classic refill-rate bucket lets a full bucket plus a second's refill (2N) through within one rolling
/// second; the exchange's limit is per rolling second, so each token is tied to the time it was spent.
/// The last N spend times sit in a ring; a cancel is allowed when the oldest of them is a second old.
/// </remarks>
public sealed class CancelThrottle
{
    public const long WindowMs = 1_000;

    private readonly long[] _spentAt;
    private int _next;

    public CancelThrottle(int maxPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerSecond, 1);
        _spentAt = new long[maxPerSecond];
        Array.Fill(_spentAt, long.MinValue / 2);
    }

    public int Capacity => _spentAt.Length;

    /// <summary>True when a cancel at <paramref name="nowMs"/> would keep every rolling second within the limit.</summary>
    public bool CanSpend(long nowMs) => nowMs - _spentAt[_next] >= WindowMs;

    /// <summary>Spends a token if one is available.</summary>
    public bool TrySpend(long nowMs)
    {
        if (!CanSpend(nowMs)) return false;
        _spentAt[_next] = nowMs;
        _next = (_next + 1) % _spentAt.Length;
        return true;
    }

    /// <summary>Tokens available at <paramref name="nowMs"/>.</summary>
    public int Available(long nowMs)
    {
        var n = 0;
        foreach (var t in _spentAt)
            if (nowMs - t >= WindowMs) n++;
        return n;
    }
}
