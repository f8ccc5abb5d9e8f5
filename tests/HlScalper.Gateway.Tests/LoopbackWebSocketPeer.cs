using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace HlScalper.Gateway.Tests;

/// <summary>A connected loopback socket pair whose far end is a real .NET server-side WebSocket: frames written on <see cref="Client"/> are parsed and unmasked by the framework.</summary>
public sealed class LoopbackWebSocketPeer : IDisposable
{
    private readonly Socket _server;

    private LoopbackWebSocketPeer(Socket client, Socket server)
    {
        Client = client;
        _server = server;
        Server = WebSocket.CreateFromStream(new NetworkStream(server, ownsSocket: false), new WebSocketCreationOptions { IsServer = true });
    }

    public Socket Client { get; }

    public WebSocket Server { get; }

    public static LoopbackWebSocketPeer Connect()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.Connect(listener.LocalEndPoint!);
        return new LoopbackWebSocketPeer(client, listener.Accept());
    }

    /// <summary>The next complete text message the server side received.</summary>
    public async Task<byte[]> ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var result = await Server.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            if (result.MessageType != WebSocketMessageType.Text) throw new InvalidOperationException($"expected a text frame, got {result.MessageType}");
            length += result.Count;
            if (result.EndOfMessage) return buffer[..length];
        }
    }

    public void Dispose()
    {
        Server.Dispose();
        Client.Dispose();
        _server.Dispose();
    }
}
