namespace HlScalper.Gateway.Orders;

/// <summary>Where complete WebSocket frames go: one synchronous write of already-masked bytes.</summary>
/// <remarks>
/// Implementations must serialise with every other writer of the same connection (pings, subscriptions),
/// because interleaved frames corrupt the stream. <see cref="WebSocketOrderChannel"/> is the live one;
/// <see cref="SocketFrameSink"/> writes a plain socket (the send benchmarks).
/// </remarks>
public interface IFrameSink
{
    void Send(ReadOnlySpan<byte> frame);
}
