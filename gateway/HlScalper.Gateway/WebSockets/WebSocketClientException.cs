namespace HlScalper.Gateway.WebSockets;

/// <summary>Opening a WebSocket failed: DNS, TCP, TLS or the HTTP upgrade; the message says which and why.</summary>
public sealed class WebSocketClientException(string message, Exception? inner = null) : Exception(message, inner);
