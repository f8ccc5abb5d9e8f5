namespace HlScalper.Gateway.WebSockets;

/// <summary>Receives each complete data message of a <see cref="WebSocketConnection"/> on its receive loop.</summary>
public interface IWebSocketMessageHandler
{
    /// <summary>One reassembled message; <paramref name="payload"/> is valid only during the call.</summary>
    /// <param name="opcode"><see cref="WebSocketOpcode.Text"/> or <see cref="WebSocketOpcode.Binary"/>.</param>
    /// <param name="payload">The message bytes (unmasked, contiguous).</param>
    /// <param name="receiveTimestamp"><see cref="System.Diagnostics.Stopwatch"/> ticks when the read holding its last byte completed.</param>
    void OnMessage(WebSocketOpcode opcode, ReadOnlySpan<byte> payload, long receiveTimestamp);
}
