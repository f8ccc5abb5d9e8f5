using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using HlScalper.Gateway.WebSockets;

namespace HlScalper.Bench.Latency;

/// <summary>
/// The least a venue can be and still speak the exchange's WebSocket protocol to the live pipeline: it plays prepared book messages
/// at a set rate, answers pings, and answers every signed <c>post</c> as the exchange would when nothing fills — an order rests,
/// a cancel succeeds — stamping the arrival of each order.
/// </summary>
/// <remarks>
/// A raw socket, not Kestrel: the venue must add as little as possible to the latency it helps measure. Book frames are built
/// once; tick k sends frame k mod count with its 13-digit <c>"time":</c> rewritten to the tick's own time, so a million ticks
/// need one cycle of messages in memory and every tick is told apart by its exchange time. Client frames are read on a thread of
/// their own; its answers and the ticks share the socket under one lock.
/// </remarks>
public sealed class LoopbackVenue : IDisposable
{
    /// <summary>Digits of a millisecond time between 2001 and 2286: fixed width, so it can be rewritten in place.</summary>
    public const int TimeDigits = 13;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly byte[] _frames;
    private readonly int[] _offsets;
    private readonly int[] _timeOffsets;
    private readonly Lock _send = new();
    private Socket? _client;
    private Thread? _reader;
    private long _nextOid = 1;
    // The reply being written (reader thread only).
    private readonly byte[] _text = new byte[64 * 1024];
    private int _textLength;

    /// <param name="messages">One cycle of book messages, each with a 13-digit <c>"time":</c> field.</param>
    /// <param name="ticks">How many messages <see cref="Play"/> sends.</param>
    public LoopbackVenue(IReadOnlyList<ReadOnlyMemory<byte>> messages, int ticks)
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

    /// <summary>Stopwatch timestamp taken just before each tick's write.</summary>
    public long[] SendTimestamps { get; }

    /// <summary>Called on the reader thread for each order placed: its index among the places and the Stopwatch time its frame arrived.</summary>
    public Action<int, long>? OrderArrived { get; set; }

    /// <summary>CPU the venue's reader and (from the start of <see cref="Play"/>) its feeder run on; null = unpinned.</summary>
    public int? Cpu { get; init; }

    /// <summary>Orders placed and cancels answered so far.</summary>
    public int Places { get; private set; }

    public int Cancels { get; private set; }

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
        _reader = new Thread(Read) { IsBackground = true, Name = "venue-reader" };
        _reader.Start();
    }

    /// <summary>
    /// Sends <see cref="SendTimestamps"/>.Length ticks, tick k stamped with time <paramref name="firstTimeMs"/> + k × <paramref name="stepMs"/>,
    /// <paramref name="ratePerSecond"/> a second (0 = as fast as the socket takes them), on the calling thread;
    /// <paramref name="beforeTick"/> runs before each send with the tick's index.
    /// </summary>
    public void Play(long firstTimeMs, long stepMs, double ratePerSecond, Action<int> beforeTick, CancellationToken ct)
    {
        var client = _client ?? throw new InvalidOperationException("no client: call AcceptAsync first");
        var interval = ratePerSecond > 0 ? (long)(Stopwatch.Frequency / ratePerSecond) : 0;
        Pin();
        TickPacer.Prepare();
        var next = Stopwatch.GetTimestamp();
        for (var i = 0; i < SendTimestamps.Length && !ct.IsCancellationRequested; i++)
        {
            if (interval > 0)
            {
                next += interval;
                TickPacer.WaitUntil(next);
            }
            beforeTick(i);
            var m = i % _timeOffsets.Length;
            WriteTime(_frames.AsSpan(_timeOffsets[m], TimeDigits), firstTimeMs + i * stepMs);
            SendTimestamps[i] = Stopwatch.GetTimestamp();
            try
            {
                lock (_send) SendAll(client, _frames.AsSpan(_offsets[m], _offsets[m + 1] - _offsets[m]));
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
        _reader?.Join(TimeSpan.FromSeconds(5));
    }

    private void Read()
    {
        Pin();
        var buffer = new byte[1 << 20];
        var answer = new byte[64 * 1024];
        var filled = 0;
        try
        {
            while (true)
            {
                var n = _client!.Receive(buffer.AsSpan(filled));
                if (n == 0) return;
                var now = Stopwatch.GetTimestamp();
                filled += n;
                var consumed = 0;
                while (TryFrame(buffer.AsSpan(consumed, filled - consumed), out var length, out var payloadStart, out var payloadLength, out var opcode, out var mask))
                {
                    var payload = buffer.AsSpan(consumed + payloadStart, payloadLength);
                    WebSocketFrameWriter.Mask(payload, mask, 0);
                    if (opcode == WebSocketOpcode.Close) return;
                    if (opcode == WebSocketOpcode.Text) Answer(payload, now, answer);
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

    /// <summary>Pings get a pong; a post gets the exchange's answer; subscriptions need none (the pipeline does not wait for acks).</summary>
    private void Answer(ReadOnlySpan<byte> message, long arrived, byte[] scratch)
    {
        if (message.IndexOf("\"method\":\"ping\""u8) >= 0)
        {
            Reply("{\"channel\":\"pong\"}"u8, scratch);
            return;
        }
        if (message.IndexOf("\"method\":\"post\""u8) < 0) return;
        var idAt = message.IndexOf("\"id\":"u8);
        if (idAt < 0 || !Utf8Parser.TryParse(message[(idAt + 5)..], out long id, out _)) return;
        // Written straight into bytes: a venue that allocates per order makes collections that pause the pipeline it measures.
        _textLength = 0;
        Put("{\"channel\":\"post\",\"data\":{\"id\":"u8);
        Put(id);
        Put(",\"response\":{\"type\":\"action\",\"payload\":{\"status\":\"ok\",\"response\":"u8);
        var cancels = Count(message, "\"cloid\":\""u8);
        if (message.IndexOf("\"type\":\"cancelByCloid\""u8) >= 0)
        {
            Put("{\"type\":\"cancel\",\"data\":{\"statuses\":["u8);
            for (var i = 0; i < cancels; i++) Put(i == 0 ? "\"success\""u8 : ",\"success\""u8);
            Cancels += cancels;
        }
        else
        {
            Put("{\"type\":\"order\",\"data\":{\"statuses\":["u8);
            var orders = Count(message, "\"c\":\""u8);
            for (var i = 0; i < orders; i++)
            {
                OrderArrived?.Invoke(Places++, arrived);
                Put(i == 0 ? "{\"resting\":{\"oid\":"u8 : ",{\"resting\":{\"oid\":"u8);
                Put(_nextOid++);
                Put("}}"u8);
            }
        }
        Put("]}}}}}}"u8);
        Reply(_text.AsSpan(0, _textLength), scratch);
    }

    private void Reply(ReadOnlySpan<byte> payload, byte[] scratch)
    {
        var header = WriteServerHeader(scratch, payload.Length);
        payload.CopyTo(scratch.AsSpan(header));
        lock (_send) SendAll(_client!, scratch.AsSpan(0, header + payload.Length));
    }

    private void Pin()
    {
        if (Cpu is { } cpu && Engine.Ring.ThreadAffinity.TryPinCurrentThread(cpu) is { } why) throw new InvalidOperationException($"venue: {why}");
    }

    private void Put(ReadOnlySpan<byte> text)
    {
        text.CopyTo(_text.AsSpan(_textLength));
        _textLength += text.Length;
    }

    private void Put(long value)
    {
        if (!Utf8Formatter.TryFormat(value, _text.AsSpan(_textLength), out var written)) throw new InvalidOperationException("the venue's reply buffer is full");
        _textLength += written;
    }

    private static int Count(ReadOnlySpan<byte> text, ReadOnlySpan<byte> key)
    {
        var count = 0;
        for (var at = text.IndexOf(key); at >= 0; at = text.IndexOf(key))
        {
            count++;
            text = text[(at + key.Length)..];
        }
        return count;
    }

    private static void SendAll(Socket socket, ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty) bytes = bytes[socket.Send(bytes)..];
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

    private static bool TryFrame(ReadOnlySpan<byte> data, out int length, out int payloadStart, out int payloadLength, out WebSocketOpcode opcode, out uint mask)
    {
        length = payloadStart = payloadLength = 0;
        mask = 0;
        opcode = default;
        if (data.Length < 2) return false;
        opcode = (WebSocketOpcode)(data[0] & 0x0F);
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
