namespace HlScalper.Protocol.Actions;

/// <summary>The transport failed or answered something other than an exchange response (HTTP 5xx, WS <c>error</c>, malformed JSON).</summary>
public sealed class ExchangeTransportException(string message, Exception? inner = null) : ExchangeException(message, inner);
