using System.Net.Sockets;

namespace HlScalper.Gateway.WebSockets;

/// <summary>A <see cref="NetworkStream"/> whose synchronous reads wait in poll(2) before they read, so a blocking read allocates nothing.</summary>
/// <remarks>
/// The connect and handshake are async, which leaves the socket non-blocking for good; a plain synchronous read that finds nothing
/// then parks on an emulated wait (an operation object and a hop through the runtime's event thread, about 184 B each time).
/// Waiting in poll(2) first makes the read one system call that finds data. The wait sits here, under TLS, because only the
/// stream that owns the socket knows when it really needs bytes: <see cref="System.Net.Security.SslStream"/> reads from it only
/// when its own decrypted and encrypted buffers are empty, so a poll above it could wait for bytes it already holds.
/// Shutting the socket down (the connection's abort) ends the wait.
/// </remarks>
internal sealed class PollingNetworkStream(Socket socket) : NetworkStream(socket, ownsSocket: true)
{
    public override int Read(Span<byte> buffer)
    {
        try
        {
            Socket.Poll(-1, SelectMode.SelectRead);
            return Socket.Receive(buffer);
        }
        catch (SocketException e)
        {
            // The contract of a stream, as NetworkStream keeps it: socket failures surface as IOException.
            throw new IOException($"Unable to read data from the transport connection: {e.Message}", e);
        }
    }

    // Every synchronous read waits first, whichever overload the caller (SslStream, a test) picks.
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
}
