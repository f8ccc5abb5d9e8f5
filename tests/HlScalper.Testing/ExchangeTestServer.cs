using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using HlScalper.LocalExchange.Requests;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HlScalper.Testing;

/// <summary>What the test server saw in one request: the typed action, its nonce, and the address its signature recovers to.</summary>
public sealed record ReceivedAction(ExchangeAction Action, long Nonce, EthAddress? Signer, EthAddress? Vault, long? ExpiresAfter);

/// <summary>A real Kestrel <c>/exchange</c> endpoint on 127.0.0.1: it parses each body into typed actions, recovers the signer from the signature as the exchange does, checks that nonces increase, and answers like Hyperliquid.</summary>
public sealed class ExchangeTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _isMainnet;
    private readonly ConcurrentQueue<Func<ReceivedAction, (int Status, string Body)>> _script = new();
    private long _lastNonce;
    private long _nextOid = 1000;

    private ExchangeTestServer(WebApplication app, bool isMainnet)
    {
        _app = app;
        _isMainnet = isMainnet;
    }

    public ConcurrentQueue<ReceivedAction> Received { get; } = new();

    /// <summary>Requests whose nonce was not above the previous one.</summary>
    public int NonceViolations { get; private set; }

    public Uri ExchangeUri { get; private set; } = null!;

    /// <summary>The WebSocket endpoint: answers <c>post</c> requests of type action like the exchange.</summary>
    public Uri WebSocketUri { get; private set; } = null!;

    public static async Task<ExchangeTestServer> StartAsync(bool isMainnet = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ExchangeTestServer(app, isMainnet);
        app.UseWebSockets();
        app.MapPost("/exchange", server.HandleAsync);
        app.Map("/ws", server.HandleSocketAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.ExchangeUri = new Uri(new Uri(address), "/exchange");
        server.WebSocketUri = new Uri(new Uri(address.Replace("http://", "ws://")), "/ws");
        return server;
    }

    /// <summary>Answers the next request with this instead of the default success.</summary>
    public void Then(Func<ReceivedAction, (int Status, string Body)> response) => _script.Enqueue(response);

    public void ThenStatus(int status, string body) => Then(_ => (status, body));

    /// <summary>The HTTP Date header REST answers carry instead of the real time (a server whose clock is off).</summary>
    public DateTimeOffset? Date { get; set; }

    /// <summary>Handles one request body as the exchange would; returns HTTP status and response JSON (shared by the REST endpoint and the WebSocket post test).</summary>
    public (int Status, string Body) Handle(ReadOnlySpan<byte> body)
    {
        var request = SignedActionRequest.Parse(body, _isMainnet, new L1ActionHasher());
        var action = request.Action;
        var nonce = request.Nonce;
        var received = new ReceivedAction(action, nonce, request.Signer, request.Vault, request.ExpiresAfter);
        lock (_script)
        {
            if (nonce <= _lastNonce) NonceViolations++;
            _lastNonce = Math.Max(_lastNonce, nonce);
        }
        Received.Enqueue(received);
        return _script.TryDequeue(out var scripted) ? scripted(received) : (200, DefaultResponse(action));
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var (status, body) = Handle(buffer.ToArray());
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (Date is { } date) context.Response.Headers.Date = date.ToString("R");
        await context.Response.WriteAsync(body);
    }

    private async Task HandleSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[64 * 1024];
        while (socket.State == System.Net.WebSockets.WebSocketState.Open)
        {
            var length = 0;
            System.Net.WebSockets.ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(length), context.RequestAborted);
                length += result.Count;
            }
            while (!result.EndOfMessage && result.MessageType != System.Net.WebSockets.WebSocketMessageType.Close);
            if (result.MessageType == System.Net.WebSockets.WebSocketMessageType.Close) break;
            using var post = JsonDocument.Parse(buffer.AsMemory(0, length));
            var id = post.RootElement.GetProperty("id").GetInt64();
            var (status, body) = Handle(System.Text.Encoding.UTF8.GetBytes(post.RootElement.GetProperty("request").GetProperty("payload").GetRawText()));
            var response = status == 200 ? "{\"type\":\"action\",\"payload\":" + body + "}" : "{\"type\":\"error\",\"payload\":\"HTTP " + status + "\"}";
            var message = "{\"channel\":\"post\",\"data\":{\"id\":" + id + ",\"response\":" + response + "}}";
            await socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(message), System.Net.WebSockets.WebSocketMessageType.Text, true, context.RequestAborted);
        }
    }

    private string DefaultResponse(ExchangeAction action)
    {
        var statuses = action switch
        {
            OrderAction order => string.Join(',', Enumerable.Range(0, order.Count).Select(_ => "{\"resting\":{\"oid\":" + Interlocked.Increment(ref _nextOid) + "}}")),
            CancelAction or CancelByCloidAction => string.Join(',', Enumerable.Repeat("\"success\"", action.BatchLength)),
            _ => null,
        };
        var type = action is OrderAction ? "order" : "cancel";
        return statuses is null
            ? """{"status":"ok","response":{"type":"default"}}"""
            : "{\"status\":\"ok\",\"response\":{\"type\":\"" + type + "\",\"data\":{\"statuses\":[" + statuses + "]}}}";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
