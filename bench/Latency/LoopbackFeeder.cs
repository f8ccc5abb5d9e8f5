using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace HlScalper.Bench.Latency;

/// <summary>A minimal WebSocket server on 127.0.0.1 that plays prepared messages to one client at a set rate, stamping each send.</summary>
/// <remarks>
/// A raw socket, not Kestrel: the feeder must add as little as possible to the latency it helps measure.
/// Frames are built once up front; tick k sends frame k mod count with its 13-digit <c>"time":</c> field
/// rewritten to the tick's own time, so a million ticks need only one cycle of messages in memory and
/// every tick is told apart by its exchange time. The client's subscriptions and pings are drained on a
/// side thread and ignored.
/// </remarks>
public sealed class LoopbackFeeder : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly byte[] _frames;
    private readonly int[] _offsets;
    private readonly int[] _timeOffsets;
    private Socket? _client;

    /// <param name="messages">One cycle of messages, each with a 13-digit <c>"time":</c> field.</param>
    /// <param name="ticks">How many messages <see cref="Play"/> sends.</param>
    public LoopbackFeeder(IReadOnlyList<ReadOnlyMemory<byte>> messages, int ticks)
    {
        _offsets = new int[messages.Count + 1];
        var total = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            _offsets[i] = total;
            total += HeaderLength(messages[i].Length) + messages[i].Length;
        }
        _offsets[^1] = total;
        _frames = new byte[total];
        _timeOffsets = new int[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            var frame = _frames.AsSpan(_offsets[i]);
            var header = WriteServerHeader(frame, messages[i].Length);
            messages[i].Span.CopyTo(frame[header..]);
            var at = messages[i].Span.IndexOf("\"time\":"u8);
            if (at < 0 || messages[i].Length < at + 7 + TimeDigits) throw new ArgumentException($"message {i} has no \"time\" field");
            _timeOffsets[i] = _offsets[i] + header + at + 7;
        }
        SendTimestamps = new long[ticks];
        _listener.Start();
    }

    /// <summary>ws://127.0.0.1:PORT/ws</summary>
    public Uri Uri => new($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/ws");

    /// <summary>Digits of a millisecond time between 2001 and 2286: fixed width, so it can be rewritten in place.</summary>
    public const int TimeDigits = 13;

    public int Ticks => SendTimestamps.Length;

    /// <summary>Stopwatch timestamp taken just before each message's write.</summary>
    public long[] SendTimestamps { get; }

    /// <summary>Accepts the client and completes its upgrade; returns once the client may start reading.</summary>
    public async Task AcceptAsync(CancellationToken ct)
    {
        var client = await _listener.AcceptSocketAsync(ct);
        client.NoDelay = true;
        var request = new StringBuilder();
        var buffer = new byte[4096];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await client.ReceiveAsync(buffer, ct);
            if (n == 0) throw new IOException("the client closed before finishing its upgrade request");
            request.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        var key = request.ToString().Split("\r\n").Select(l => l.Split(':', 2)).First(p => p[0].Equals("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase))[1].Trim();
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        await client.SendAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"), ct);
        _client = client;
        new Thread(Drain) { IsBackground = true, Name = "feeder-drain" }.Start();
    }

    /// <summary>Sends <see cref="Ticks"/> messages, tick k stamped with time <paramref name="firstTimeMs"/> + k × <paramref name="stepMs"/>, <paramref name="ratePerSecond"/> a second (0 = as fast as the socket takes them); runs on the calling thread.</summary>
    public void Play(long firstTimeMs, long stepMs, double ratePerSecond, CancellationToken ct)
    {
        var client = _client ?? throw new InvalidOperationException("no client: call AcceptAsync first");
        var interval = ratePerSecond > 0 ? (long)(Stopwatch.Frequency / ratePerSecond) : 0;
        var next = Stopwatch.GetTimestamp();
        for (var i = 0; i < SendTimestamps.Length && !ct.IsCancellationRequested; i++)
        {
            if (interval > 0)
            {
                next += interval;
                while (Stopwatch.GetTimestamp() < next) Thread.SpinWait(10);
            }
            var m = i % _timeOffsets.Length;
            WriteTime(_frames.AsSpan(_timeOffsets[m], TimeDigits), firstTimeMs + i * stepMs);
            SendTimestamps[i] = Stopwatch.GetTimestamp();
            try
            {
                client.Send(_frames.AsSpan(_offsets[m], _offsets[m + 1] - _offsets[m]));
            }
            catch (SocketException e)
            {
                throw new IOException($"the client dropped the feed after {i:N0} of {SendTimestamps.Length:N0} ticks ({e.SocketErrorCode})", e);
            }
        }
    }

    public void Dispose()
    {
        _client?.Dispose();
        _listener.Stop();
    }

    private void Drain()
    {
        var buffer = new byte[4096];
        try
        {
            while (_client!.Receive(buffer) > 0)
            {
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The run is over.
        }
    }

    private static void WriteTime(Span<byte> digits, long timeMs)
    {
        for (var d = digits.Length - 1; d >= 0; d--)
        {
            digits[d] = (byte)('0' + timeMs % 10);
            timeMs /= 10;
        }
    }

    private static int HeaderLength(int payloadLength) => payloadLength <= 125 ? 2 : payloadLength <= ushort.MaxValue ? 4 : 10;

    // Server frames are never masked (RFC 6455 §5.1), so the client frame writer does not apply.
    private static int WriteServerHeader(Span<byte> destination, int payloadLength)
    {
        destination[0] = 0x81; // FIN + text
        if (payloadLength <= 125)
        {
            destination[1] = (byte)payloadLength;
            return 2;
        }
        if (payloadLength <= ushort.MaxValue)
        {
            destination[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)payloadLength);
            return 4;
        }
        destination[1] = 127;
        BinaryPrimitives.WriteUInt64BigEndian(destination[2..], (ulong)payloadLength);
        return 10;
    }
}
