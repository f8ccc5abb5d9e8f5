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

/// <summary>An RFC 6455 client connection on <see cref="Socket"/> (TCP_NODELAY) → optional <see cref="SslStream"/> → <see cref="PipeReader"/>.</summary>
/// <remarks>
/// <para>Receiving: <see cref="RunAsync"/> is one long-lived loop that decodes frames straight from the
/// pipe's buffers and hands each complete message to a handler as a span — no copy for a message in one
/// pipe segment, one copy into a bounded reassembly buffer for fragmented or segment-straddling messages,
/// no allocation per message. Close frames are echoed, violations closed with 1002.</para>
/// <para>Pings never make the receive loop write: it keeps the latest ping's payload and a thread-pool work item
/// sends the pong when the socket is free. Pings that arrive while a pong is still waiting are answered by that
/// one pong, as RFC 6455 §5.5.3 allows, so a ping flood from a server that has stopped reading costs one waiting
/// pong, not a blocked receive loop.</para>
/// <para>Sending: every send is one synchronous (or async) write of a complete frame to the stream under a
/// lock, so a pre-built order frame costs one write and never waits behind a pipe flush. No send waits forever:
/// past <see cref="WebSocketClientOptions.SendTimeout"/> (for the lock, then for the socket) the server is not
/// reading, the connection is closed, and <see cref="RunAsync"/> ends saying so.</para>
/// </remarks>
public sealed class WebSocketConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly PipeReader _reader;
    private readonly WebSocketClientOptions _options;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _aborted = new();
    private readonly byte[] _pingPayload = new byte[125];
    private readonly Lock _pingLock = new();
    private readonly PongSender _pongSender;
    private int _pingLength;
    private int _pongPending;
    private string? _abortReason;
    private MaskKeySource _masks = MaskKeySource.Create();
    private byte[] _sendBuffer = new byte[4096];
    private byte[] _assembly = new byte[64 * 1024];
    private int _assemblyLength;
    private WebSocketOpcode _fragmentOpcode;
    private bool _inFragmentedMessage;
    private volatile bool _closeSent;
    private int _disposed;

    private WebSocketConnection(Socket socket, Stream stream, PipeReader reader, WebSocketClientOptions options)
    {
        _socket = socket;
        _stream = stream;
        _reader = reader;
        _options = options;
        _pongSender = new PongSender(this);
        // Synchronous writes (order frames, pongs, the feed's pings) give up after the deadline instead of blocking.
        socket.SendTimeout = (int)Math.Min(int.MaxValue, options.SendTimeout.TotalMilliseconds);
    }

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
            stream = new NetworkStream(socket, ownsSocket: true);
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

    /// <summary>Receives until the connection ends, delivering each data message to <paramref name="handler"/>; never throws for network or protocol trouble.</summary>
    public async Task<WebSocketEnd> RunAsync(IWebSocketMessageHandler handler, CancellationToken ct = default)
    {
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync(ct).ConfigureAwait(false);
                var receivedAt = Stopwatch.GetTimestamp();
                var buffer = result.Buffer;
                var end = ProcessFrames(ref buffer, handler, receivedAt);
                var leftover = buffer.Length;
                _reader.AdvanceTo(buffer.Start, buffer.End);
                if (end is not null)
                {
                    Abort();
                    return end;
                }
                if (result.IsCompleted)
                {
                    Abort();
                    return new WebSocketEnd(WebSocketEndReason.ConnectionLost, null, Volatile.Read(ref _abortReason) ?? (leftover == 0
                        ? "the server closed the TCP connection without a close frame"
                        : $"the connection ended in the middle of a frame ({leftover} bytes of it received)"));
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Abort();
            return new WebSocketEnd(WebSocketEndReason.Cancelled, null, "cancelled by the caller");
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            Abort();
            return new WebSocketEnd(WebSocketEndReason.ConnectionLost, null, Volatile.Read(ref _abortReason) ?? e.Message);
        }
    }

    /// <summary>Writes a complete, already masked client frame (see <see cref="WebSocketFrameWriter"/>) in one write.</summary>
    /// <exception cref="IOException">The frame could not be written within <see cref="WebSocketClientOptions.SendTimeout"/> (the connection is then closed) or the connection failed.</exception>
    public void SendRawFrame(ReadOnlySpan<byte> frame)
    {
        EnterSend();
        try
        {
            Write(frame);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <inheritdoc cref="SendRawFrame"/>
    public async ValueTask SendRawFrameAsync(ReadOnlyMemory<byte> frame, CancellationToken ct = default)
    {
        await EnterSendAsync(ct).ConfigureAwait(false);
        try
        {
            await WriteAsync(frame, ct).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends one text message (UTF-8 JSON) as a single masked frame.</summary>
    /// <inheritdoc cref="SendRawFrame" path="/exception"/>
    public void SendText(ReadOnlySpan<byte> utf8) => SendFrame(WebSocketOpcode.Text, utf8);

    /// <inheritdoc cref="SendText"/>
    public async ValueTask SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken ct = default)
    {
        await EnterSendAsync(ct).ConfigureAwait(false);
        try
        {
            var length = FrameInto(WebSocketOpcode.Text, utf8.Span);
            await WriteAsync(_sendBuffer.AsMemory(0, length), ct).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Starts the close handshake; <see cref="RunAsync"/> returns <see cref="WebSocketEndReason.ClosedByClient"/> when the server answers.</summary>
    public void Close(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string description = "")
    {
        if (_closeSent) return;
        SendClose(status, description);
    }

    /// <summary>Drops the connection at once, without a close handshake.</summary>
    public void Abort() => Abort(null);

    /// <summary>Drops the connection at once; <paramref name="reason"/> (the first one given) becomes the description of <see cref="RunAsync"/>'s end.</summary>
    public void Abort(string? reason)
    {
        if (reason is not null) Interlocked.CompareExchange(ref _abortReason, reason, null);
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        // Wakes sends waiting for the lock; a write in progress fails as the socket goes.
        _aborted.Cancel();
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
        Span<byte> body = stackalloc byte[125];
        BinaryPrimitives.WriteUInt16BigEndian(body, (ushort)status);
        var reasonBytes = Encoding.UTF8.GetBytes(description.Length > 60 ? description[..60] : description);
        reasonBytes.AsSpan(0, Math.Min(reasonBytes.Length, 123)).CopyTo(body[2..]);
        SendFrame(WebSocketOpcode.Close, body[..(2 + Math.Min(reasonBytes.Length, 123))]);
    }

    private void SendFrame(WebSocketOpcode opcode, ReadOnlySpan<byte> payload)
    {
        EnterSend();
        try
        {
            Write(_sendBuffer.AsSpan(0, FrameInto(opcode, payload)));
        }
        finally
        {
            _sendLock.Release();
        }
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

    /// <summary>Writes the pong for the newest ping (on a thread-pool thread).</summary>
    private void SendPong()
    {
        try
        {
            EnterSend();
            try
            {
                // From here on a new ping needs a new pong: this one is framed with the payload as it is now.
                Volatile.Write(ref _pongPending, 0);
                int length;
                lock (_pingLock) length = FrameInto(WebSocketOpcode.Pong, _pingPayload.AsSpan(0, _pingLength));
                Write(_sendBuffer.AsSpan(0, length));
                Interlocked.Increment(ref _pongsSent);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // The connection is closed (by the deadline or by its owner); the receive loop reports why.
            Volatile.Write(ref _pongPending, 0);
        }
    }

    /// <summary>Takes the send lock, or gives up after the deadline (closing the connection) or when it is closed.</summary>
    private void EnterSend()
    {
        bool entered;
        try
        {
            entered = _sendLock.Wait(_options.SendTimeout, _aborted.Token);
        }
        catch (OperationCanceledException)
        {
            throw Closed();
        }
        if (!entered) throw Stuck($"a send waited {Seconds} for the one before it: the server is not reading");
    }

    private async ValueTask EnterSendAsync(CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _aborted.Token);
        bool entered;
        try
        {
            entered = await _sendLock.WaitAsync(_options.SendTimeout, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw Closed();
        }
        if (!entered) throw Stuck($"a send waited {Seconds} for the one before it: the server is not reading");
    }

    /// <summary>One write, with the send lock held; a socket that takes nothing until the deadline closes the connection.</summary>
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

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_options.SendTimeout);
        try
        {
            await _stream.WriteAsync(frame, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw Stuck($"a send did not complete within {Seconds}: the server is not reading", e);
        }
    }

    /// <summary>A socket send timeout, however deep the stream wrapped it (TLS wraps the network stream's exception in its own).</summary>
    private static bool IsTimeout(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            if (inner is SocketException { SocketErrorCode: SocketError.TimedOut }) return true;
        return false;
    }

    private string Seconds => $"{_options.SendTimeout.TotalSeconds:0.###} s";

    /// <summary>Closes the connection because a send cannot complete; the exception for the sender, the same words for <see cref="RunAsync"/>.</summary>
    private IOException Stuck(string what, Exception? inner = null)
    {
        var reason = $"{what}; connection closed";
        Abort(reason);
        return new IOException(reason, inner);
    }

    private ObjectDisposedException Closed() => new(nameof(WebSocketConnection), Volatile.Read(ref _abortReason) ?? "the connection is closed");

    /// <summary>Frames <paramref name="payload"/> into the send buffer; call with the send lock held.</summary>
    private int FrameInto(WebSocketOpcode opcode, ReadOnlySpan<byte> payload)
    {
        var length = WebSocketFrameWriter.FrameLength(payload.Length);
        if (length > _sendBuffer.Length) _sendBuffer = new byte[Math.Max(length, 2 * _sendBuffer.Length)];
        return WebSocketFrameWriter.Write(_sendBuffer, opcode, payload, _masks.Next());
    }

    /// <summary>The pong work item: one instance per connection, queued without allocating.</summary>
    private sealed class PongSender(WebSocketConnection connection) : IThreadPoolWorkItem
    {
        public void Execute() => connection.SendPong();
    }
}
