namespace HlScalper.Gateway.Orders;

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
