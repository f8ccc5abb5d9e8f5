using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace HlScalper.Live.Metrics;

/// <summary>Serves one registry as Prometheus text at <c>GET /metrics</c> on 127.0.0.1 (Kestrel; port 0 picks a free one).</summary>
/// <remarks>Loopback only: the metrics name the account's position and equity; a scraper elsewhere goes through a proxy or a tunnel.</remarks>
public sealed class MetricsEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private TaskCompletionSource _scraped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private MetricsEndpoint(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public Uri Uri => new($"http://127.0.0.1:{Port}/metrics");

    /// <summary>Waits until a scrape that starts after this call has been answered, at most <paramref name="timeout"/>; false on timeout.</summary>
    /// <remarks>A run's last values (its summary) are only in Prometheus if a scrape reads them: the CLI lingers on this before exiting.</remarks>
    public async Task<bool> NextScrapeAsync(TimeSpan timeout)
    {
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _scraped, next);
        return await Task.WhenAny(next.Task, Task.Delay(timeout)) == next.Task;
    }

    public static async Task<MetricsEndpoint> StartAsync(CollectorRegistry registry, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        MetricsEndpoint? endpoint = null;
        app.MapGet("/metrics", async context =>
        {
            var waiting = endpoint is null ? null : Volatile.Read(ref endpoint._scraped);
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
            waiting?.TrySetResult();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return endpoint = new MetricsEndpoint(app, new Uri(address).Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
