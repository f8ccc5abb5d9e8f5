namespace HlScalper.Gateway.Exchange;

/// <summary>Any failure of an <c>/exchange</c> request; the subclasses say whether the action may have been executed.</summary>
public abstract class ExchangeException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The exchange answered <c>{"status":"err"}</c>: the whole action was refused (bad signature, nonce, validation).</summary>
public sealed class ExchangeRejectedException(string reason) : ExchangeException($"exchange rejected the action: {reason}")
{
    public string Reason { get; } = reason;
}

/// <summary>HTTP 429: the IP's request weight is used up; the action was not executed. Back off before retrying.</summary>
public sealed class ExchangeRateLimitedException(TimeSpan? retryAfter) : ExchangeException("exchange rate limit (HTTP 429)" + (retryAfter is { } r ? $", retry after {r.TotalSeconds:F0} s" : ""))
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>No answer in time: the action may or may not have been executed (query order status before resending).</summary>
public sealed class ExchangeTimeoutException(TimeSpan timeout) : ExchangeException($"no exchange response within {timeout.TotalMilliseconds:F0} ms; the action may have been executed");

/// <summary>The transport failed or answered something other than an exchange response (HTTP 5xx, WS <c>error</c>, malformed JSON).</summary>
public sealed class ExchangeTransportException(string message, Exception? inner = null) : ExchangeException(message, inner);
