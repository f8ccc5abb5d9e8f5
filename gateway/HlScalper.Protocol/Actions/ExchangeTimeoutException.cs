namespace HlScalper.Protocol.Actions;

/// <summary>No answer in time: the action may or may not have been executed (query order status before resending).</summary>
public sealed class ExchangeTimeoutException(TimeSpan timeout) : ExchangeException($"no exchange response within {timeout.TotalMilliseconds:F0} ms; the action may have been executed");
