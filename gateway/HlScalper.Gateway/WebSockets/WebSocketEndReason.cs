namespace HlScalper.Gateway.WebSockets;

/// <summary>Why a connection's receive loop ended.</summary>
public enum WebSocketEndReason : byte
{
    /// <summary>The server sent a close frame (we answered it).</summary>
    ClosedByServer,
    /// <summary>We sent a close frame and the server answered.</summary>
    ClosedByClient,
    /// <summary>The TCP/TLS stream ended or failed without a close handshake (a kick).</summary>
    ConnectionLost,
    /// <summary>The server broke RFC 6455; we closed with 1002 (or 1007 for bad UTF-8).</summary>
    ProtocolError,
    /// <summary>A frame or message exceeded <see cref="WebSocketClientOptions.MaxMessageSize"/>; we closed with 1009.</summary>
    MessageTooBig,
    /// <summary>The caller's cancellation token fired.</summary>
    Cancelled,
}
