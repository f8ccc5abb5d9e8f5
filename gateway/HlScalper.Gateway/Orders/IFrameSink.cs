namespace HlScalper.Gateway.Orders;

/// <summary>Where complete WebSocket frames go: one synchronous write of already-masked bytes.</summary>
/// <remarks>
/// Implementations must serialise with every other writer of the same connection (pings, subscriptions),
/// because interleaved frames corrupt the stream. <see cref="SocketFrameSink"/> writes a plain socket;
/// over TLS wrap the connection's <c>SslStream</c> with <see cref="StreamFrameSink"/>.
/// </remarks>
public interface IFrameSink
{
    void Send(ReadOnlySpan<byte> frame);
}

/// <summary>Writes frames to a connected socket under a lock shared with the connection's other writers.</summary>
public sealed class SocketFrameSink(System.Net.Sockets.Socket socket, Lock writeLock) : IFrameSink
{
    public void Send(ReadOnlySpan<byte> frame)
    {
        lock (writeLock)
        {
            while (!frame.IsEmpty) frame = frame[socket.Send(frame)..];
        }
    }
}

/// <summary>Writes frames to a stream (the TLS stream of a wss:// connection) under a lock shared with its other writers.</summary>
public sealed class StreamFrameSink(Stream stream, Lock writeLock) : IFrameSink
{
    public void Send(ReadOnlySpan<byte> frame)
    {
        lock (writeLock)
        {
            stream.Write(frame);
            stream.Flush();
        }
    }
}
