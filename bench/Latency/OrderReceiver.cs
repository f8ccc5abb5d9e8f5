using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HlScalper.Gateway.WebSockets;

namespace HlScalper.Bench.Latency;

/// <summary>The harness's stand-in for the exchange's socket: accepts one connection, splits the masked client frames the order path writes, unmasks them and stamps their arrival.</summary>
public sealed class OrderReceiver : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Action<int, long, ReadOnlySpan<byte>> _onFrame;
    private Socket? _server;
    private Thread? _thread;

    /// <param name="onFrame">Called on the receiver thread for each frame: its index, arrival timestamp and unmasked payload.</param>
    public OrderReceiver(Action<int, long, ReadOnlySpan<byte>> onFrame)
    {
        _onFrame = onFrame;
        _listener.Start();
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    public int Frames { get; private set; }

    /// <summary>Connects a client socket (the order path's end) and starts receiving on the server end.</summary>
    public Socket Connect()
    {
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var accept = _listener.AcceptSocketAsync();
        client.Connect(EndPoint);
        _server = accept.GetAwaiter().GetResult();
        _server.NoDelay = true;
        _thread = new Thread(Receive) { IsBackground = true, Name = "order-receiver" };
        _thread.Start();
        return client;
    }

    public void Dispose()
    {
        _server?.Dispose();
        _listener.Stop();
        _thread?.Join(TimeSpan.FromSeconds(5));
    }

    private void Receive()
    {
        var buffer = new byte[1 << 20];
        var filled = 0;
        try
        {
            while (true)
            {
                var n = _server!.Receive(buffer.AsSpan(filled));
                if (n == 0) return;
                var now = Stopwatch.GetTimestamp();
                filled += n;
                var consumed = 0;
                while (TryFrame(buffer.AsSpan(consumed, filled - consumed), out var length, out var payloadStart, out var payloadLength, out var mask))
                {
                    var payload = buffer.AsSpan(consumed + payloadStart, payloadLength);
                    WebSocketFrameWriter.Mask(payload, mask, 0);
                    _onFrame(Frames++, now, payload);
                    consumed += length;
                }
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The run is over.
        }
    }

    private static bool TryFrame(ReadOnlySpan<byte> data, out int length, out int payloadStart, out int payloadLength, out uint mask)
    {
        length = payloadStart = payloadLength = 0;
        mask = 0;
        if (data.Length < 2) return false;
        var len = data[1] & 0x7F;
        var pos = 2;
        if (len == 126)
        {
            if (data.Length < 4) return false;
            len = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
            pos = 4;
        }
        else if (len == 127)
        {
            if (data.Length < 10) return false;
            len = (int)BinaryPrimitives.ReadUInt64BigEndian(data[2..]);
            pos = 10;
        }
        if ((data[1] & 0x80) != 0)
        {
            if (data.Length < pos + 4) return false;
            mask = BinaryPrimitives.ReadUInt32LittleEndian(data[pos..]);
            pos += 4;
        }
        if (data.Length < pos + len) return false;
        payloadStart = pos;
        payloadLength = len;
        length = pos + len;
        return true;
    }
}
