using System.Net;
using System.Text.Json;
using HlScalper.Engine.Events;
using HlScalper.LocalExchange.Market;
using HlScalper.LocalExchange.Server;
using HlScalper.LocalExchange.Venue;
using HlScalper.Replay.Driver;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HlScalper.LocalExchange;

/// <summary>A local Hyperliquid exchange on 127.0.0.1: REST <c>/info</c> and <c>/exchange</c>, WebSocket <c>/ws</c>, admin <c>/sim/*</c>, with a recording replayed as its market.</summary>
public sealed class LocalExchangeServer : IAsyncDisposable
{
    private static readonly TimeSpan TickEvery = TimeSpan.FromMilliseconds(100);

    private readonly WebApplication _app;
    private readonly LocalExchangeOptions _options;
    private readonly SessionHub _hub;
    private readonly MarketReplayer _replayer;
    private readonly CancellationTokenSource _stop = new();
    private Task _ticker = Task.CompletedTask;

    private LocalExchangeServer(WebApplication app, LocalExchangeOptions options, LocalVenue venue, SessionHub hub, MarketReplayer replayer)
    {
        _app = app;
        _options = options;
        Venue = venue;
        _hub = hub;
        _replayer = replayer;
    }

    public LocalVenue Venue { get; }

    public int Port { get; private set; }

    /// <summary>The REST base (<c>/info</c> and <c>/exchange</c> hang off it).</summary>
    public Uri HttpUri => new($"http://127.0.0.1:{Port}");

    public Uri WebSocketUri => new($"ws://127.0.0.1:{Port}/ws");

    /// <summary>Builds the venue, starts Kestrel, the replay thread and the ticker (dead-man switches, idle clients, scheduled faults).</summary>
    /// <param name="tape">The market; its coin table must hold <see cref="LocalExchangeOptions.Asset"/>'s coin as index 0.</param>
    public static async Task<LocalExchangeServer> StartAsync(EventTape tape, LocalExchangeOptions options)
    {
        if (tape.Coins.Count != 1 || tape.Coins.NameOf(0) != options.Asset.Name)
            throw new ArgumentException($"the tape must hold exactly the coin {options.Asset.Name}", nameof(tape));
        var hub = new SessionHub();
        var venue = new LocalVenue(options, new MarketState(tape.Coins, [options.Asset]), hub);
        var info = new InfoResponder(venue);
        var sockets = new WebSocketEndpoint(venue, info, hub);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        app.MapPost("/info", context => InfoAsync(context, info));
        app.MapPost("/exchange", context => ExchangeAsync(context, venue));
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // A bug answers 500 with its message and is reported; the exchange keeps serving.
                options.Log($"sim: {context.Request.Path} failed: {error}");
                if (!context.Response.HasStarted)
                {
                    context.Response.StatusCode = 500;
                    await context.Response.WriteAsync($"Internal error: {error.Message}");
                }
            }
        });
        app.Map("/ws", sockets.HandleAsync);
        AdminEndpoints.Map(app, venue);

        var server = new LocalExchangeServer(app, options, venue, hub, new MarketReplayer(tape, venue, options.Speed, options.Loop, options.Clock, options.Log));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = new Uri(address).Port;
        server._replayer.Start();
        server._ticker = server.TickAsync(server._stop.Token);
        return server;
    }

    private static async Task InfoAsync(HttpContext context, InfoResponder info)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var (_, json) = info.Answer(document.RootElement);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json, context.RequestAborted);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            context.Response.StatusCode = 422;
            await context.Response.WriteAsync(LocalVenue.BadRequest(e.Message), context.RequestAborted);
        }
    }

    private static async Task ExchangeAsync(HttpContext context, LocalVenue venue)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var (status, response) = await venue.ExecuteAsync(body.ToArray());
        context.Response.StatusCode = status;
        context.Response.ContentType = status == 200 ? "application/json" : "text/plain";
        await context.Response.WriteAsync(response, context.RequestAborted);
    }

    /// <summary>Every 100 ms: due dead-man switches, idle clients, and the periodic kick and stall knobs.</summary>
    private async Task TickAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TickEvery);
        var now = Venue.NowMs;
        var nextKick = _options.KickEvery > TimeSpan.Zero ? now + (long)_options.KickEvery.TotalMilliseconds : long.MaxValue;
        var nextStall = _options.StallEvery > TimeSpan.Zero ? now + (long)_options.StallEvery.TotalMilliseconds : long.MaxValue;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                now = Venue.NowMs;
                try
                {
                    Venue.Tick();
                }
                catch (Exception error)
                {
                    _options.Log($"sim: timed work failed: {error}");
                }
                _hub.DropIdle(now - (long)_options.IdleTimeout.TotalMilliseconds);
                if (now >= nextKick)
                {
                    Venue.Kick();
                    nextKick = now + (long)_options.KickEvery.TotalMilliseconds;
                }
                if (now >= nextStall)
                {
                    Venue.Faults.StallUntilMs = now + (long)_options.StallFor.TotalMilliseconds;
                    nextStall = now + (long)_options.StallEvery.TotalMilliseconds;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>One line for the periodic status: market time, mid, connections, orders, fills, rejects.</summary>
    public string StatusLine() => Venue.Locked(() =>
    {
        var mid = Venue.Market.Mark(0);
        var time = Venue.MarketTimeMs == 0 ? "-" : DateTimeOffset.FromUnixTimeMilliseconds(Venue.MarketTimeMs).ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
        return $"sim: market {time} mid {(mid == 0 ? "-" : Engine.Numbers.Fixed8.ToString(mid))} connections {Venue.Connections} orders {Venue.Counters.Orders} fills {Venue.Counters.Fills} rejects {Venue.Counters.Rejects} passes {_replayer.Passes}";
    });

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _ticker;
        _replayer.Dispose();
        _hub.KickAll();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stop.Dispose();
    }
}
