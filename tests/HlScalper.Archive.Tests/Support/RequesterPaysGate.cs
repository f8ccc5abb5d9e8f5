using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HlScalper.Archive.Tests.Support;

/// <summary>
/// A Kestrel reverse proxy on 127.0.0.1 in front of s3rver that adds what s3rver lacks and the real archive has:
/// it refuses (403 AccessDenied) any request without <c>x-amz-request-payer: requester</c>, and on demand it
/// throttles (503 SlowDown) or stalls a response body after some bytes, so a download can be killed mid-transfer.
/// Everything else is forwarded as it came (the Host header too, so s3rver checks the client's own signature).
/// </summary>
public sealed class RequesterPaysGate : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly ConcurrentQueue<(string Method, string Path, string? Range)> _requests = new();
    private int _throttle;
    private (string Path, long Bytes)? _stall;
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _refused;

    private RequesterPaysGate(WebApplication app, HttpClient upstream)
    {
        _app = app;
        _upstream = upstream;
    }

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Requests refused for lacking the requester-pays header.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Every forwarded request: method, path and Range header.</summary>
    public IReadOnlyList<(string Method, string Path, string? Range)> Requests => _requests.ToArray();

    /// <summary>Completes when a stalled body has sent its bytes and is holding the rest back.</summary>
    public Task Stalled => _stalled.Task;

    public static async Task<RequesterPaysGate> StartAsync(Uri upstream)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var gate = new RequesterPaysGate(app, new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = upstream, Timeout = Timeout.InfiniteTimeSpan });
        app.Run(gate.Handle);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        gate.Endpoint = new Uri(address);
        return gate;
    }

    /// <summary>The next <paramref name="count"/> requests get 503 SlowDown.</summary>
    public void ThrottleNext(int count) => Interlocked.Exchange(ref _throttle, count);

    /// <summary>The next GET of <paramref name="path"/> sends <paramref name="bytes"/> body bytes and then holds the rest until <see cref="Release"/> or the client goes away.</summary>
    public void StallAfter(string path, long bytes) => _stall = (path, bytes);

    public void Release() => _release.TrySetResult();

    private async Task Handle(HttpContext context)
    {
        var request = context.Request;
        if (!string.Equals(request.Headers["x-amz-request-payer"], "requester", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _refused);
            await Error(context, 403, "AccessDenied", "Access Denied");
            return;
        }
        if (TakeThrottle())
        {
            await Error(context, 503, "SlowDown", "Please reduce your request rate.");
            return;
        }
        var path = request.Path.Value ?? "/";
        _requests.Enqueue((request.Method, path, request.Headers.Range.ToString() is { Length: > 0 } r ? r : null));

        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), path + request.QueryString);
        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)) continue;
            forward.Headers.TryAddWithoutValidation(name, value.ToArray());
        }
        forward.Headers.Host = request.Host.Value;
        using var response = await _upstream.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            if (!name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && !name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
                context.Response.Headers[name] = values.ToArray();
        if (request.Method == "HEAD") return;

        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        if (request.Method == "GET" && _stall is { } stall && stall.Path == path)
        {
            _stall = null;
            var buffer = new byte[stall.Bytes];
            await body.ReadExactlyAsync(buffer, context.RequestAborted);
            await context.Response.Body.WriteAsync(buffer, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            _stalled.TrySetResult();
            try
            {
                await _release.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client was killed: that is the point
            }
        }
        await body.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private bool TakeThrottle()
    {
        int left;
        do
        {
            left = Volatile.Read(ref _throttle);
            if (left <= 0) return false;
        } while (Interlocked.CompareExchange(ref _throttle, left - 1, left) != left);
        return true;
    }

    private static Task Error(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        if (context.Request.Method == "HEAD") return Task.CompletedTask;
        return context.Response.WriteAsync($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message><RequestId>gate</RequestId></Error>");
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
