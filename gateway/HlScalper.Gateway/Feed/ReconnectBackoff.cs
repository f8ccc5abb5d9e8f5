namespace HlScalper.Gateway.Feed;

/// <summary>Exponential backoff with jitter: attempt n waits a random time in [½, 1] × min(max, min × 2ⁿ).</summary>
/// <remarks>The jitter spreads many clients kicked at once so they do not reconnect in lockstep.</remarks>
public static class ReconnectBackoff
{
    public static TimeSpan Delay(int attempt, TimeSpan min, TimeSpan max, Random random)
    {
        var cap = min.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        var ceiling = Math.Min(max.TotalMilliseconds, cap);
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + 0.5 * random.NextDouble()));
    }
}
