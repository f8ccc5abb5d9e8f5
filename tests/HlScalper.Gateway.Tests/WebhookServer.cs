using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HlScalper.Gateway.Tests;

/// <summary>A real Kestrel server on 127.0.0.1 (free port) standing in for PagerDuty: keeps each posted body and answers with scripted status codes (202 once the script runs out).</summary>
public sealed class WebhookServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _statuses;
    private int _requests;

    private WebhookServer(WebApplication app, IEnumerable<int> statuses)
    {
        _app = app;
        _statuses = new ConcurrentQueue<int>(statuses);
    }

    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<(string ContentType, byte[] Body)> Received { get; } = new();

    public int Requests => Volatile.Read(ref _requests);

    public static async Task<WebhookServer> StartAsync(params int[] statuses)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new WebhookServer(app, statuses);
        app.MapPost("/v2/enqueue", async (HttpContext context) =>
        {
            Interlocked.Increment(ref server._requests);
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var status = server._statuses.TryDequeue(out var s) ? s : 202;
            if (status == 202) server.Received.Enqueue((context.Request.ContentType ?? "", body.ToArray()));
            context.Response.StatusCode = status;
            await context.Response.WriteAsync(status == 202 ? """{"status":"success","message":"Event processed","dedup_key":"x"}""" : """{"status":"invalid event"}""");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri($"http://127.0.0.1:{new Uri(address).Port}/v2/enqueue");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
