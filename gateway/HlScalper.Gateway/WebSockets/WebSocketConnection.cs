using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Unicode;

namespace HlScalper.Gateway.WebSockets;

/// <summary>An RFC 6455 client connection on <see cref="Socket"/> (TCP_NODELAY) → optional <see cref="SslStream"/>, received synchronously on the caller's thread.</summary>
/// <remarks>
/// <para>Receiving: <see cref="Run"/> is one long-lived loop on the caller's (dedicated, nameable, pinnable) thread: a blocking read
/// into the connection's own buffer, the receive timestamp taken as the read returns, frames decoded in place and each complete message
/// handed to a handler as a span — no copy for a message that arrived whole, one copy into a bounded reassembly buffer for a fragmented
/// one, no allocation per message. Close frames are echoed, violations closed with 1002. Cancelling it sends a close frame (1000) and
/// waits a bounded time for the server's answer.</para>
/// <para>Sending never waits for another sender. One thread at a time holds the write claim (an interlocked flag, not a lock): it writes
/// its own frame and then every frame that other threads queued meanwhile in a bounded outbox. A sender that finds the claim taken queues
/// its frame and returns at once. With a <see cref="WriterWake"/> set (the live pipeline's engine thread owns the socket), senders other
/// than the owner always queue and wake the owner, so the owner is the only thread that writes. Pings never make the receive loop write:
/// a thread-pool work item sends the pong, and pings that arrive while a pong waits are answered by that one pong (RFC 6455 §5.5.3).</para>
/// <para>No send waits forever: a socket that takes nothing for <see cref="WebSocketClientOptions.SendTimeout"/> means the server is not
/// reading; the connection is closed and <see cref="Run"/> ends saying so. A full outbox refuses the frame with an <see cref="IOException"/>.</para>
/// </remarks>
public sealed class WebSocketConnection : IAsyncDisposable
{
    /// <summary>How long a cancelled <see cref="Run"/> waits for the server to answer its close frame before it drops the connection.</summary>
    public static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(1);

    /// <summary>Frames of other threads that may wait for the writer.</summary>
    public const int OutboxCapacity = 256;

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly WebSocketClientOptions _options;
    private readonly byte[] _pingPayload = new byte[125];
    private readonly Lock _pingLock = new();
    private readonly PongSender _pongSender;
    private readonly FrameOutbox _outbox = new(OutboxCapacity);
    private int _pingLength;
    private int _pongPending;
    private string? _abortReason;
    // Touched only by the holder of the write claim: the mask keys and the send buffer need no other guard.
    private MaskKeySource _masks = MaskKeySource.Create();
    private byte[] _sendBuffer = new byte[4096];
    private int _writing;
    private int _wakeRequested;
    private volatile Action? _writerWake;
    private byte[] _receive;
    private int _received;
    private byte[] _assembly = new byte[64 * 1024];
    private int _assemblyLength;
    private WebSocketOpcode _fragmentOpcode;
    private bool _inFragmentedMessage;
    private volatile bool _closeSent;
    private Timer? _closeTimer;
    private int _disposed;

    private WebSocketConnection(Socket socket, Stream stream, PipeReader handshakeReader, WebSocketClientOptions options)
    {
        _socket = socket;
        _stream = stream;
        _options = options;
        _pongSender = new PongSender(this);
        _receive = new byte[options.PipeMinimumReadSize];
        // Whatever the server sent right behind its 101 response is the start of the frame stream.
        if (handshakeReader.TryRead(out var early))
        {
            _receive = new byte[Math.Max(_receive.Length, (int)early.Buffer.Length * 2)];
            early.Buffer.CopyTo(_receive);
            _received = (int)early.Buffer.Length;
            handshakeReader.AdvanceTo(early.Buffer.End);
        }
        handshakeReader.Complete();
        // Synchronous writes (order frames, pongs, the feed's pings) give up after the deadline instead of blocking.
        socket.SendTimeout = (int)Math.Min(int.MaxValue, options.SendTimeout.TotalMilliseconds);
    }

    /// <summary>
    /// Set, frames of every thread but the owner's (the one that calls <see cref="SendRawFrame"/> and <see cref="FlushQueued"/>) are
    /// queued and this is called (at most once until the owner flushes) to have the owner write them; null, any sender may write.
    /// </summary>
    public Action? WriterWake
    {
        get => _writerWake;
        set => _writerWake = value;
    }

    /// <summary>Frames waiting in the outbox for the writer (a snapshot).</summary>
    public bool HasQueued => !_outbox.IsEmpty;

    public Uri Uri => _options.Uri;

    public long MessagesReceived { get; private set; }

    /// <summary>Payload bytes of data messages received.</summary>
    public long BytesReceived { get; private set; }

    public long PingsReceived { get; private set; }

    public long PongsReceived { get; private set; }

    /// <summary>Pongs written; fewer than <see cref="PingsReceived"/> when pings came faster than the socket took pongs.</summary>
    public long PongsSent => Interlocked.Read(ref _pongsSent);

    private long _pongsSent;

    /// <summary>Connects, upgrades, and returns an open connection; throws <see cref="WebSocketClientException"/> with the cause.</summary>
    public static async Task<WebSocketConnection> ConnectAsync(WebSocketClientOptions options, CancellationToken ct = default)
    {
        var uri = options.Uri;
        var secure = uri.Scheme switch
        {
            "wss" => true,
            "ws" => false,
            _ => throw new ArgumentException($"'{uri}' is not a ws:// or wss:// address", nameof(options)),
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (options.SocketReceiveBufferSize > 0) socket.ReceiveBufferSize = options.SocketReceiveBufferSize;
        if (options.SocketSendBufferSize > 0) socket.SendBufferSize = options.SocketSendBufferSize;
        Stream? stream = null;
        try
        {
            await socket.ConnectAsync(uri.IdnHost, uri.Port, timeout.Token).ConfigureAwait(false);
            stream = new PollingNetworkStream(socket);
            if (secure)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = uri.IdnHost,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    RemoteCertificateValidationCallback = options.CertificateValidation,
                }, timeout.Token).ConfigureAwait(false);
            }
            var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: options.PipeMinimumReadSize, minimumReadSize: options.PipeMinimumReadSize / 4, leaveOpen: true));
            var key = WebSocketHandshake.NewKey();
            await stream.WriteAsync(WebSocketHandshake.Request(uri, key), timeout.Token).ConfigureAwait(false);
            await WebSocketHandshake.ReadResponseAsync(reader, key, timeout.Token).ConfigureAwait(false);
            return new WebSocketConnection(socket, stream, reader, options);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (stream is not null) await stream.DisposeAsync().ConfigureAwait(false);
            socket.Dispose();
            if (e is WebSocketClientException) throw;
            var what = e is OperationCanceledException ? $"timed out after {options.ConnectTimeout.TotalSeconds:0.#} s" : e.Message;
            throw new WebSocketClientException($"connecting to {uri} failed: {what}", e);
        }
        catch
        {
            if (stream is not null) await stream.DisposeAsync().ConfigureAwait(false);
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Receives on the calling thread until the connection ends, delivering each data message to <paramref name="handler"/>; never throws for network or protocol trouble.</summary>
    /// <remarks>Cancelling <paramref name="ct"/> sends a close frame (1000) and ends with <see cref="WebSocketEndReason.Cancelled"/> once
    /// the server answers it, or after <see cref="CloseWait"/>.</remarks>
    public WebSocketEnd Run(IWebSocketMessageHandler handler, CancellationToken ct = default)
    {
        using var registration = ct.UnsafeRegister(static state => ((WebSocketConnection)state!).CloseForCancel(), this);
        var end = Receive(handler);
        Abort();
        return ct.IsCancellationRequested ? new WebSocketEnd(WebSocketEndReason.Cancelled, end.Status, "cancelled by the caller") : end;
    }

    private WebSocketEnd Receive(IWebSocketMessageHandler handler)
    {
        try
        {
            var receivedAt = Stopwatch.GetTimestamp();
            while (true)
            {
                if (_received > 0)
                {
                    var buffer = new ReadOnlySequence<byte>(_receive, 0, _received);
                    var end = ProcessFrames(ref buffer, handler, receivedAt);
                    if (end is not null) return end;
                    Keep(buffer);
                }
                // Blocks in poll(2) below TLS when nothing is buffered (PollingNetworkStream): no allocation while waiting.
                var read = _stream.Read(_receive, _received, _receive.Length - _received);
                receivedAt = Stopwatch.GetTimestamp();
                if (read == 0)
                    return new WebSocketEnd(WebSocketEndReason.ConnectionLost, null, Volatile.Read(ref _abortReason) ?? (_received == 0
                        ? "the server closed the TCP connection without a close frame"
                        : $"the connection ended in the middle of a frame ({_received} bytes of it received)"));
                _received += read;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            return new WebSocketEnd(WebSocketEndReason.ConnectionLost, null, Volatile.Read(ref _abortReason) ?? e.Message);
        }
    }

    /// <summary>Moves the unread rest of a frame to the front of the receive buffer, growing it when a frame does not fit (up to the message limit).</summary>
    private void Keep(ReadOnlySequence<byte> rest)
    {
        var length = (int)rest.Length;
        rest.CopyTo(_receive);
        _received = length;
        if (length == _receive.Length)
            Array.Resize(ref _receive, (int)Math.Min(_options.MaxMessageSize + (long)WebSocketFrameWriter.MaxHeaderLength, 2L * _receive.Length));
    }

    /// <summary>Writes a complete, already masked client frame (see <see cref="WebSocketFrameWriter"/>) in one write, or queues it behind the writer that holds the claim; never waits for another sender.</summary>
    /// <exception cref="IOException">The frame could not be written within <see cref="WebSocketClientOptions.SendTimeout"/> (the connection is then closed), the connection failed, or the outbox is full.</exception>
    /// <exception cref="ObjectDisposedException">The connection is closed.</exception>
    public void SendRawFrame(ReadOnlySpan<byte> frame)
    {
        ThrowIfClosed();
        if (TryClaim())
        {
            try
            {
                Write(frame);
            }
            finally
            {
                ReleaseClaim();
            }
            return;
        }
        Queue(WebSocketOpcode.Continuation, frame, raw: true);
    }

    /// <summary>Writes what other threads queued, when no other writer holds the claim (the owner's answer to <see cref="WriterWake"/>).</summary>
    public void FlushQueued()
    {
        if (_outbox.IsEmpty && Volatile.Read(ref _wakeRequested) == 0) return;
        if (TryClaim()) ReleaseClaim();
    }

    /// <summary>Sends one text message (UTF-8 JSON) as a single masked frame: written now when this thread may write and nobody else is, queued otherwise.</summary>
    /// <inheritdoc cref="SendRawFrame" path="/exception"/>
    public void SendText(ReadOnlySpan<byte> utf8) => Post(WebSocketOpcode.Text, utf8);

    /// <inheritdoc cref="SendText"/>
    /// <remarks>Completes before it returns (the frame is written or queued); the task form is for <c>IPostTransport</c>.</remarks>
    public ValueTask SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken ct = default)
    {
        try
        {
            ct.ThrowIfCancellationRequested();
            Post(WebSocketOpcode.Text, utf8.Span);
            return ValueTask.CompletedTask;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            return ValueTask.FromException(e);
        }
    }

    /// <summary>Starts the close handshake; <see cref="Run"/> returns <see cref="WebSocketEndReason.ClosedByClient"/> when the server answers.</summary>
    public void Close(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string description = "")
    {
        if (_closeSent) return;
        SendClose(status, description);
    }

    /// <summary>Drops the connection at once, without a close handshake.</summary>
    public void Abort() => Abort(null);

    /// <summary>Drops the connection at once; <paramref name="reason"/> (the first one given) becomes the description of <see cref="Run"/>'s end.</summary>
    public void Abort(string? reason)
    {
        if (reason is not null) Interlocked.CompareExchange(ref _abortReason, reason, null);
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        // A write in progress fails as the socket goes; queued frames are dropped by whoever holds the claim.
        Interlocked.Exchange(ref _closeTimer, null)?.Dispose();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone: nothing to shut down.
        }
        _stream.Dispose();
        _socket.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Abort();
        return ValueTask.CompletedTask;
    }

    private WebSocketEnd? ProcessFrames(ref ReadOnlySequence<byte> buffer, IWebSocketMessageHandler handler, long receivedAt)
    {
        while (true)
        {
            var status = WebSocketFrameHeader.TryRead(buffer, out var header, out var error);
            if (status == WebSocketFrameHeader.Status.NeedMore) return null;
            if (status == WebSocketFrameHeader.Status.Invalid) return Fail(WebSocketEndReason.ProtocolError, WebSocketCloseStatus.ProtocolError, error!);
            if (!header.IsControl)
            {
                // Checked on the header, before buffering the payload, so memory stays bounded.
                var total = (_inFragmentedMessage ? _assemblyLength : 0) + header.PayloadLength;
                if (total > _options.MaxMessageSize)
                    return Fail(WebSocketEndReason.MessageTooBig, WebSocketCloseStatus.MessageTooBig,
                        $"a message of at least {total} bytes exceeds the limit of {_options.MaxMessageSize}");
            }
            var frameLength = header.HeaderLength + header.PayloadLength;
            if (buffer.Length < frameLength) return null;
            var end = OnFrame(header, buffer.Slice(header.HeaderLength, header.PayloadLength), handler, receivedAt);
            buffer = buffer.Slice(frameLength);
            if (end is not null) return end;
        }
    }

    private WebSocketEnd? OnFrame(WebSocketFrameHeader header, ReadOnlySequence<byte> payload, IWebSocketMessageHandler handler, long receivedAt)
    {
        switch (header.Opcode)
        {
            case WebSocketOpcode.Text:
            case WebSocketOpcode.Binary:
                if (_inFragmentedMessage)
                    return Fail(WebSocketEndReason.ProtocolError, WebSocketCloseStatus.ProtocolError, "a new data frame arrived inside a fragmented message");
                if (header.Fin)
                    return payload.IsSingleSegment
                        ? Deliver(header.Opcode, payload.FirstSpan, handler, receivedAt)
                        : Deliver(header.Opcode, Assemble(payload, 0), handler, receivedAt);
                _inFragmentedMessage = true;
                _fragmentOpcode = header.Opcode;
                _assemblyLength = 0;
                Assemble(payload, 0);
                return null;
            case WebSocketOpcode.Continuation:
                if (!_inFragmentedMessage)
                    return Fail(WebSocketEndReason.ProtocolError, WebSocketCloseStatus.ProtocolError, "a continuation frame with no fragmented message to continue");
                var assembled = Assemble(payload, _assemblyLength);
                if (!header.Fin) return null;
                _inFragmentedMessage = false;
                return Deliver(_fragmentOpcode, assembled, handler, receivedAt);
            case WebSocketOpcode.Ping:
                PingsReceived++;
                OnPing(payload);
                return null;
            case WebSocketOpcode.Pong:
                PongsReceived++;
                return null;
            default:
                return OnClose(payload);
        }
    }

    /// <summary>Copies a payload into the reassembly buffer at <paramref name="offset"/> (growing it up to the message limit) and returns the message so far.</summary>
    private ReadOnlySpan<byte> Assemble(ReadOnlySequence<byte> payload, int offset)
    {
        var needed = offset + (int)payload.Length;
        if (needed > _assembly.Length)
            Array.Resize(ref _assembly, (int)Math.Min(_options.MaxMessageSize, Math.Max(needed, 2L * _assembly.Length)));
        payload.CopyTo(_assembly.AsSpan(offset));
        _assemblyLength = needed;
        return _assembly.AsSpan(0, needed);
    }

    private WebSocketEnd? Deliver(WebSocketOpcode opcode, ReadOnlySpan<byte> message, IWebSocketMessageHandler handler, long receivedAt)
    {
        if (opcode == WebSocketOpcode.Text && _options.ValidateUtf8 && !Utf8.IsValid(message))
            return Fail(WebSocketEndReason.ProtocolError, WebSocketCloseStatus.InvalidPayloadData, "a text message is not valid UTF-8");
        MessagesReceived++;
        BytesReceived += message.Length;
        handler.OnMessage(opcode, message, receivedAt);
        return null;
    }

    private WebSocketEnd OnClose(ReadOnlySequence<byte> payload)
    {
        WebSocketCloseStatus? status = null;
        var reason = "";
        if (payload.Length == 1)
            return Fail(WebSocketEndReason.ProtocolError, WebSocketCloseStatus.ProtocolError, "a close frame with a 1-byte payload");
        if (payload.Length >= 2)
        {
            Span<byte> body = stackalloc byte[125];
            payload.CopyTo(body);
            body = body[..(int)payload.Length];
            var code = BinaryPrimitives.ReadUInt16BigEndian(body);
            if (!IsValidCloseCode(code))
                return Fail(WebSocketEndReason.ProtocolError, WebSocketCloseStatus.ProtocolError, $"invalid close code {code}");
            if (!Utf8.IsValid(body[2..]))
                return Fail(WebSocketEndReason.ProtocolError, WebSocketCloseStatus.InvalidPayloadData, "the close reason is not valid UTF-8");
            status = (WebSocketCloseStatus)code;
            reason = Encoding.UTF8.GetString(body[2..]);
        }
        if (_closeSent) return new WebSocketEnd(WebSocketEndReason.ClosedByClient, status, reason);
        TrySendClose(status ?? WebSocketCloseStatus.NormalClosure, "");
        return new WebSocketEnd(WebSocketEndReason.ClosedByServer, status, reason.Length > 0 ? reason : "the server closed the connection");
    }

    /// <summary>RFC 6455 §7.4: codes a peer may send.</summary>
    private static bool IsValidCloseCode(int code) =>
        code is (>= 1000 and <= 1003) or (>= 1007 and <= 1014) or (>= 3000 and <= 4999);

    private WebSocketEnd Fail(WebSocketEndReason reason, WebSocketCloseStatus status, string description)
    {
        TrySendClose(status, description);
        return new WebSocketEnd(reason, status, description);
    }

    /// <summary>The cancellation of <see cref="Run"/>: a close frame (1000), then the connection dropped if the server has not answered within <see cref="CloseWait"/>.</summary>
    private void CloseForCancel()
    {
        TrySendClose(WebSocketCloseStatus.NormalClosure, "");
        var timer = new Timer(static state => ((WebSocketConnection)state!).Abort("the server did not answer the close frame"), this, Timeout.Infinite, Timeout.Infinite);
        if (Interlocked.CompareExchange(ref _closeTimer, timer, null) is null && Volatile.Read(ref _disposed) == 0) timer.Change(CloseWait, Timeout.InfiniteTimeSpan);
        else timer.Dispose();
    }

    private void TrySendClose(WebSocketCloseStatus status, string description)
    {
        if (_closeSent) return;
        try
        {
            SendClose(status, description);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // The peer is already gone; the end result says why we were closing.
        }
    }

    private void SendClose(WebSocketCloseStatus status, string description)
    {
        _closeSent = true;
        // The close ends the owner's reign: whoever can write it now does, so it leaves before the connection is dropped.
        _writerWake = null;
        Span<byte> body = stackalloc byte[125];
        BinaryPrimitives.WriteUInt16BigEndian(body, (ushort)status);
        var reasonBytes = Encoding.UTF8.GetBytes(description.Length > 60 ? description[..60] : description);
        reasonBytes.AsSpan(0, Math.Min(reasonBytes.Length, 123)).CopyTo(body[2..]);
        Post(WebSocketOpcode.Close, body[..(2 + Math.Min(reasonBytes.Length, 123))]);
    }

    /// <summary>Keeps the newest ping's payload and makes sure one pong is on its way; never writes on the receive loop.</summary>
    private void OnPing(ReadOnlySequence<byte> payload)
    {
        lock (_pingLock)
        {
            payload.CopyTo(_pingPayload);
            _pingLength = (int)payload.Length;
        }
        // A pong already waiting for the socket will carry this payload: RFC 6455 §5.5.3 lets one pong answer the pings before it.
        if (Interlocked.Exchange(ref _pongPending, 1) == 0) ThreadPool.UnsafeQueueUserWorkItem(_pongSender, preferLocal: false);
    }

    /// <summary>Sends (or queues) the pong for the newest ping (on a thread-pool thread).</summary>
    private void SendPong()
    {
        // From here on a new ping needs a new pong: this one carries the payload as it is now.
        Volatile.Write(ref _pongPending, 0);
        Span<byte> payload = stackalloc byte[125];
        int length;
        lock (_pingLock)
        {
            length = _pingLength;
            _pingPayload.AsSpan(0, length).CopyTo(payload);
        }
        try
        {
            Post(WebSocketOpcode.Pong, payload[..length]);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // The connection is closed (by the deadline or by its owner); the receive loop reports why.
        }
    }

    /// <summary>One message from any thread: written now when no owner is set and nobody else writes, otherwise queued for the writer.</summary>
    private void Post(WebSocketOpcode opcode, ReadOnlySpan<byte> payload)
    {
        ThrowIfClosed();
        if (_writerWake is null && TryClaim())
        {
            try
            {
                Write(Framed(opcode, payload));
                if (opcode == WebSocketOpcode.Pong) Interlocked.Increment(ref _pongsSent);
            }
            finally
            {
                ReleaseClaim();
            }
            return;
        }
        Queue(opcode, payload, raw: false);
    }

    /// <summary>Queues a message for the writer and makes sure one comes: the owner is woken, or, with none, this thread takes the claim if it is free.</summary>
    private void Queue(WebSocketOpcode opcode, ReadOnlySpan<byte> payload, bool raw)
    {
        if (!_outbox.TryEnqueue(opcode, payload, raw))
            throw new IOException($"the send queue is full ({OutboxCapacity} frames wait for the writer); frame dropped");
        if (_writerWake is { } wake)
        {
            // One wake until the owner flushes: a burst of queued frames costs the owner one event.
            if (Interlocked.Exchange(ref _wakeRequested, 1) == 0) wake();
        }
        else if (TryClaim())
        {
            ReleaseClaim();
        }
    }

    private bool TryClaim()
    {
        ThrowIfClosed();
        return Interlocked.CompareExchange(ref _writing, 1, 0) == 0;
    }

    /// <summary>Writes every queued frame, then gives the claim up; takes it back if a frame was queued in between (its sender saw the claim taken and left it to us).</summary>
    private void ReleaseClaim()
    {
        while (true)
        {
            Interlocked.Exchange(ref _wakeRequested, 0);
            WriteQueued();
            Interlocked.Exchange(ref _writing, 0);
            if (_outbox.IsEmpty || Interlocked.CompareExchange(ref _writing, 1, 0) != 0) return;
        }
    }

    /// <summary>Writes the outbox empty; claim holder only. After a failed write (the connection is then closed) the rest is dropped.</summary>
    private void WriteQueued()
    {
        var failed = Volatile.Read(ref _disposed) != 0;
        while (_outbox.TryPeek(out var opcode, out var raw, out var payload))
        {
            if (!failed)
            {
                try
                {
                    Write(raw ? payload : Framed(opcode, payload));
                    if (opcode == WebSocketOpcode.Pong && !raw) Interlocked.Increment(ref _pongsSent);
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
                {
                    // Stuck or Abort closed the connection and holds the reason; the senders of these frames have moved on.
                    failed = true;
                }
            }
            _outbox.Advance();
        }
    }

    /// <summary>One write, with the claim held; a socket that takes nothing until the deadline closes the connection.</summary>
    private void Write(ReadOnlySpan<byte> frame)
    {
        try
        {
            _stream.Write(frame);
        }
        catch (IOException e) when (IsTimeout(e))
        {
            throw Stuck($"a send did not complete within {Seconds}: the server is not reading", e);
        }
    }

    private void ThrowIfClosed()
    {
        if (Volatile.Read(ref _disposed) != 0) throw Closed();
    }

    /// <summary>A socket send timeout, however deep the stream wrapped it (TLS wraps the network stream's exception in its own).</summary>
    private static bool IsTimeout(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            if (inner is SocketException { SocketErrorCode: SocketError.TimedOut }) return true;
        return false;
    }

    private string Seconds => $"{_options.SendTimeout.TotalSeconds:0.###} s";

    /// <summary>Closes the connection because a send cannot complete; the exception for the sender, the same words for <see cref="Run"/>.</summary>
    private IOException Stuck(string what, Exception? inner = null)
    {
        var reason = $"{what}; connection closed";
        Abort(reason);
        return new IOException(reason, inner);
    }

    private ObjectDisposedException Closed() => new(nameof(WebSocketConnection), Volatile.Read(ref _abortReason) ?? "the connection is closed");

    /// <summary>Frames <paramref name="payload"/> into the send buffer (grown when it does not fit) and returns the frame; call with the write claim held.</summary>
    private ReadOnlySpan<byte> Framed(WebSocketOpcode opcode, ReadOnlySpan<byte> payload)
    {
        var length = WebSocketFrameWriter.FrameLength(payload.Length);
        if (length > _sendBuffer.Length) _sendBuffer = new byte[Math.Max(length, 2 * _sendBuffer.Length)];
        return _sendBuffer.AsSpan(0, WebSocketFrameWriter.Write(_sendBuffer, opcode, payload, _masks.Next()));
    }

    /// <summary>The pong work item: one instance per connection, queued without allocating.</summary>
    private sealed class PongSender(WebSocketConnection connection) : IThreadPoolWorkItem
    {
        public void Execute() => connection.SendPong();
    }
}
