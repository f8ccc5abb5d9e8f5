namespace HlScalper.LocalExchange.Accounts;

/// <summary>The per-address action budget of spec §5: an initial allowance plus 1 request per 1 USDC traded; cancels get min(limit + 100 000, 2 × limit); when spent, one action per interval.</summary>
public sealed class ActionBudget(long initial, long throttledIntervalMs)
{
    private long _lastThrottledMs = long.MinValue / 2;

    /// <summary>Requests counted so far (a batch of n counts n).</summary>
    public long Used { get; private set; }

    /// <summary>Cumulative traded notional, whole USDC.</summary>
    public decimal Volume { get; private set; }

    public long Limit => initial + (long)Volume;

    public long CancelLimit => Math.Min(Limit + 100_000, 2 * Limit);

    public void AddVolume(decimal notional) => Volume += notional;

    /// <summary>Charges <paramref name="requests"/> against the order or cancel limit; the error text when over it and inside the throttled interval.</summary>
    public string? TryCharge(int requests, bool isCancel, long nowMs)
    {
        var limit = isCancel ? CancelLimit : Limit;
        if (Used + requests > limit)
        {
            if (nowMs - _lastThrottledMs < throttledIntervalMs)
                return $"Too many cumulative requests sent ({Used} > {limit}) for cumulative volume traded ${Volume:0.##}. Place taker orders to free up 1 request per USDC traded.";
            _lastThrottledMs = nowMs;
        }
        Used += requests;
        return null;
    }
}
