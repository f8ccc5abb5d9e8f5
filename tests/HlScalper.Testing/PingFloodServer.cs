using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using HlScalper.Gateway.WebSockets;

namespace HlScalper.Testing;

/// <summary>A WebSocket server on raw TCP (127.0.0.1, free port) that upgrades every connection, then floods pings and never reads again: the hostile server that wedged the client.</summary>
/// <remarks>Raw sockets rather than Kestrel, whose transport keeps reading into its own buffer: here the kernel's small receive buffer fills and the client's sends really stop.</remarks>
public sealed class PingFloodServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;

    private PingFloodServer()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        Uri = new Uri($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/ws");
        _accepting = AcceptAsync();
    }

    public Uri Uri { get; }

    /// <summary>Upgrades done so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public static PingFloodServer Start() => new();

    private async Task AcceptAsync()
    {
        var sessions = new List<Task>();
        try
        {
            while (true) sessions.Add(FloodAsync(await _listener.AcceptAsync(_stop.Token)));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }
        await Task.WhenAll(sessions);
    }

    private async Task FloodAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                var key = await ReadUpgradeKeyAsync(socket);
                var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
                await socket.SendAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"), _stop.Token);
                Interlocked.Increment(ref _connections);
                var ping = RawWebSocketSession.Frame(WebSocketOpcode.Ping, new byte[125]);
                var burst = Enumerable.Repeat(ping, 64).SelectMany(f => f).ToArray();
                while (true) await socket.SendAsync(burst, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
            {
                // The client went away, or the server is stopping.
            }
        }
    }

    /// <summary>Reads the HTTP upgrade request byte by byte (so nothing after it is consumed) and returns its Sec-WebSocket-Key.</summary>
    private async Task<string> ReadUpgradeKeyAsync(Socket socket)
    {
        var request = new List<byte>();
        var one = new byte[1];
        while (request.Count < 4 || !request.TakeLast(4).SequenceEqual("\r\n\r\n"u8.ToArray()))
        {
            if (await socket.ReceiveAsync(one, _stop.Token) == 0) throw new IOException("the client closed before upgrading");
            request.Add(one[0]);
        }
        var line = Encoding.ASCII.GetString([.. request]).Split("\r\n").First(l => l.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase));
        return line["Sec-WebSocket-Key:".Length..].Trim();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting;
        _stop.Dispose();
    }
}
