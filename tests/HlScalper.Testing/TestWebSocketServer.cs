using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HlScalper.Testing;

/// <summary>A real Kestrel server on 127.0.0.1 (free port) that upgrades to WebSocket by hand and then runs a script on the raw stream, so tests can send any bytes at all.</summary>
public sealed class TestWebSocketServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _connections;

    private TestWebSocketServer(WebApplication app, Uri uri)
    {
        _app = app;
        Uri = uri;
    }

    public Uri Uri { get; }

    /// <summary>Upgrades accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Starts a server whose every connection runs <paramref name="script"/> (with the connection's number, from 1).</summary>
    public static async Task<TestWebSocketServer> StartAsync(Func<RawWebSocketSession, int, Task> script, X509Certificate2? certificate = null, string acceptOverride = "")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null) listen.UseHttps(certificate);
        }));
        var app = builder.Build();
        TestWebSocketServer? server = null;
        app.Run(async context =>
        {
            var key = context.Request.Headers["Sec-WebSocket-Key"].ToString();
            if (context.Request.Path == "/missing" || key.Length == 0)
            {
                context.Response.StatusCode = 404;
                return;
            }
            context.Response.Headers["Upgrade"] = "websocket";
            context.Response.Headers["Sec-WebSocket-Accept"] = acceptOverride.Length > 0
                ? acceptOverride
                : Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
            var stream = await context.Features.Get<IHttpUpgradeFeature>()!.UpgradeAsync();
            var number = Interlocked.Increment(ref server!._connections);
            try
            {
                await script(new RawWebSocketSession(stream), number);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ConnectionResetException)
            {
                // The client went away: part of several scripts.
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        server = new TestWebSocketServer(app, new Uri($"{(certificate is null ? "ws" : "wss")}://127.0.0.1:{port}/ws"));
        return server;
    }

    /// <summary>A self-signed certificate for 127.0.0.1/localhost, made in the test.</summary>
    public static X509Certificate2 SelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
