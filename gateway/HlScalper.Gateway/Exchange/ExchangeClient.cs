using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Signing;

namespace HlScalper.Gateway.Exchange;

/// <summary>Signs and sends actions: over the WebSocket <c>post</c> channel when connected (responses matched by id), over REST <c>/exchange</c> otherwise.</summary>
/// <remarks>
/// Off the hot path (the order sender writes its own frames): used for the dead-man switch,
/// leverage and recovery cancels. Thread-safe; signing is serialised.
/// Errors are typed: <see cref="ExchangeRejectedException"/>, <see cref="ExchangeRateLimitedException"/>,
/// <see cref="ExchangeTimeoutException"/>, <see cref="ExchangeTransportException"/>.
/// </remarks>
public sealed class ExchangeClient(HttpClient http, Uri exchangeUri, L1ActionSigner signer, NonceSource nonces, EthAddress? vault = null, IPostTransport? socket = null)
{
    private readonly ExchangeRequestWriter _writer = new();
    private readonly Lock _signing = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<byte[]>> _pending = new();
    private long _nextPostId;

    /// <summary>How long to wait for a response before <see cref="ExchangeTimeoutException"/>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Relative expiry added to every action (<c>expiresAfter</c> = nonce + this); null sends none.</summary>
    public TimeSpan? ExpiresAfter { get; init; }

    /// <summary>Told when the exchange's clock (the HTTP Date of REST answers) says our nonces drift toward the edge of its window.</summary>
    public Action<string>? OnClockWarning { get; init; }

    /// <summary>Posts awaiting their response.</summary>
    public int PendingPosts => _pending.Count;

    public Task<ExchangeResponse> SendAsync(ExchangeAction action, CancellationToken cancel = default) =>
        socket is { IsConnected: true } ? PostOverSocketAsync(action, cancel) : PostOverRestAsync(action, cancel);

    public async Task<ExchangeResponse> PostOverRestAsync(ExchangeAction action, CancellationToken cancel = default)
    {
        byte[] body;
        lock (_signing) body = Sign(action, postId: null);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(Timeout);
        HttpResponseMessage response;
        byte[] payload;
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            response = await http.PostAsync(exchangeUri, content, timeout.Token).ConfigureAwait(false);
            payload = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new ExchangeTimeoutException(Timeout);
        }
        catch (HttpRequestException e)
        {
            throw new ExchangeTransportException($"POST {exchangeUri} failed: {e.Message}", e);
        }
        using (response)
        {
            if (response.Headers.Date is { } serverTime && nonces.CheckSkew(serverTime.ToUnixTimeMilliseconds()) is { } warning) OnClockWarning?.Invoke(warning);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) throw new ExchangeRateLimitedException(response.Headers.RetryAfter?.Delta);
            if (!response.IsSuccessStatusCode)
                throw new ExchangeTransportException($"POST {exchangeUri}: HTTP {(int)response.StatusCode} {Encoding.UTF8.GetString(payload.AsSpan(0, Math.Min(200, payload.Length)))}");
        }
        return ExchangeResponse.Parse(payload);
    }

    public async Task<ExchangeResponse> PostOverSocketAsync(ExchangeAction action, CancellationToken cancel = default)
    {
        var transport = socket ?? throw new InvalidOperationException("no WebSocket transport configured");
        var id = Interlocked.Increment(ref _nextPostId);
        var reply = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        try
        {
            byte[] message;
            lock (_signing) message = Sign(action, id);
            await transport.SendTextAsync(message, cancel).ConfigureAwait(false);
            var payload = await reply.Task.WaitAsync(Timeout, cancel).ConfigureAwait(false);
            return ParsePostPayload(payload);
        }
        catch (TimeoutException)
        {
            throw new ExchangeTimeoutException(Timeout);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Called by the WebSocket reader for <c>{"channel":"post","data":{"id":id,"response":RESPONSE}}</c>, with the RESPONSE object's bytes.</summary>
    /// <returns>False when no post with this id is waiting (late after a timeout, or not ours).</returns>
    public bool OnPostResponse(long id, ReadOnlySpan<byte> response)
    {
        if (!_pending.TryRemove(id, out var reply)) return false;
        reply.TrySetResult(response.ToArray());
        return true;
    }

    private static ExchangeResponse ParsePostPayload(byte[] response)
    {
        try
        {
            using var document = JsonDocument.Parse(response);
            var root = document.RootElement;
            var type = root.GetProperty("type").GetString();
            var payload = root.GetProperty("payload");
            return type switch
            {
                "action" => ExchangeResponse.Parse(payload),
                "error" => throw new ExchangeTransportException($"WebSocket post error: {(payload.ValueKind == JsonValueKind.String ? payload.GetString() : payload.GetRawText())}"),
                _ => throw new ExchangeTransportException($"unexpected post response type '{type}'"),
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ExchangeTransportException($"malformed post response: {e.Message}", e);
        }
    }

    private byte[] Sign(ExchangeAction action, long? postId)
    {
        var nonce = nonces.Next();
        long? expires = ExpiresAfter is { } ttl ? nonce + (long)ttl.TotalMilliseconds : null;
        signer.Sign(action, nonce, vault, expires, out var signature);
        return (postId is { } id
            ? _writer.WritePost(id, action, nonce, signature, vault, expires)
            : _writer.WriteBody(action, nonce, signature, vault, expires)).ToArray();
    }
}
