namespace HlScalper.Protocol.Signing;

/// <summary>Nonces for one signing key: strictly increasing milliseconds, unique across threads, reservable in blocks for pre-signing.</summary>
/// <remarks>
/// <c>next = max(now, last + 1)</c> by compare-and-swap, so two actions in the same millisecond still get
/// distinct nonces. The exchange accepts a nonce within (T − 2 days, T + 1 day) of its block time T and
/// larger than the smallest of the key's last 100; <see cref="CheckSkew"/> warns before that window is left.
/// </remarks>
public sealed class NonceSource(TimeProvider clock)
{
    /// <summary>How far ahead of the exchange's clock nonces may run before a warning (the hard limit is one day).</summary>
    public static readonly TimeSpan AheadWarning = TimeSpan.FromHours(12);

    /// <summary>How far behind the exchange's clock the local clock may be before a warning (the hard limit is two days).</summary>
    public static readonly TimeSpan BehindWarning = TimeSpan.FromHours(24);

    private long _last;

    public NonceSource()
        : this(TimeProvider.System)
    {
    }

    /// <summary>The last nonce handed out (0 before the first).</summary>
    public long Last => Volatile.Read(ref _last);

    public long Next() => Reserve(1);

    /// <summary>Reserves <paramref name="count"/> consecutive nonces and returns the first; nobody else will get any of them.</summary>
    public long Reserve(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        while (true)
        {
            var last = Volatile.Read(ref _last);
            var first = Math.Max(clock.GetUtcNow().ToUnixTimeMilliseconds(), last + 1);
            if (Interlocked.CompareExchange(ref _last, first + count - 1, last) == last) return first;
        }
    }

    /// <summary>Compares the nonces with the exchange's time (a block or response timestamp); returns a warning when they drift toward the edge of the accepted window.</summary>
    public string? CheckSkew(long exchangeTimeMs)
    {
        var next = Math.Max(clock.GetUtcNow().ToUnixTimeMilliseconds(), Last + 1);
        var ahead = TimeSpan.FromMilliseconds(next - exchangeTimeMs);
        if (ahead > AheadWarning)
            return $"nonces run {ahead.TotalHours:F1} h ahead of the exchange clock; beyond 24 h they are rejected (check the local clock)";
        if (-ahead > BehindWarning)
            return $"nonces run {(-ahead).TotalHours:F1} h behind the exchange clock; beyond 48 h they are rejected (check the local clock)";
        return null;
    }
}
