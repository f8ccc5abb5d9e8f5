namespace HlScalper.Protocol.Actions;

/// <summary>HTTP 429: the IP's request weight is used up; the action was not executed. Back off before retrying.</summary>
public sealed class ExchangeRateLimitedException(TimeSpan? retryAfter) : ExchangeException("exchange rate limit (HTTP 429)" + (retryAfter is { } r ? $", retry after {r.TotalSeconds:F0} s" : ""))
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
