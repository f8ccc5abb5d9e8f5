using System.Globalization;
using HlScalper.LocalExchange.Venue;
using HlScalper.Protocol.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HlScalper.LocalExchange.Server;

/// <summary>The <c>/sim/*</c> endpoints for tests and users: state, kick, stall, reject share, latency, equity.</summary>
public static class AdminEndpoints
{
    public const string Help = """
          GET  /sim/state                       time, counters, accounts (value, positions, open orders, fills)
          POST /sim/kick                        drop every WebSocket connection abruptly
          POST /sim/stall?ms=N                  stop pushing market data for N ms (sockets stay open)
          POST /sim/reject?share=F              reject that share of new orders (0..1) with an error status
          POST /sim/latency?ms=N                delay every action's processing by N ms (a change lets held actions go)
          POST /sim/equity?user=0x…&delta=USD   add (or with a negative delta remove) cash
        """;

    public static void Map(WebApplication app, LocalVenue venue)
    {
        app.MapGet("/sim/state", Answer(_ => Results.Text(StateReport.Write(venue), "application/json")));
        app.MapPost("/sim/kick", Answer(_ => Ok($"\"kicked\":{venue.Kick()}")));
        app.MapPost("/sim/stall", Answer(request =>
        {
            if (Number(request, "ms") is not { } ms || ms < 0) return Bad("ms must be a number of milliseconds ≥ 0");
            venue.Faults.StallUntilMs = venue.NowMs + (long)ms;
            return Ok($"\"stallUntilMs\":{venue.Faults.StallUntilMs}");
        }));
        app.MapPost("/sim/reject", Answer(request =>
        {
            if (Number(request, "share") is not { } share || share is < 0 or > 1) return Bad("share must be a number between 0 and 1");
            venue.Faults.RejectShare = (double)share;
            return Ok($"\"rejectShare\":{venue.Faults.RejectShare.ToString(CultureInfo.InvariantCulture)}");
        }));
        app.MapPost("/sim/latency", Answer(request =>
        {
            if (Number(request, "ms") is not { } ms || ms is < 0 or > 600_000) return Bad("ms must be a number of milliseconds between 0 and 600000");
            venue.Faults.LatencyMs = (int)ms;
            return Ok($"\"latencyMs\":{venue.Faults.LatencyMs}");
        }));
        app.MapPost("/sim/equity", Answer(request =>
        {
            if (!EthAddress.TryParse(request.Query["user"].ToString(), out var user)) return Bad("user must be an address (0x + 40 hex digits)");
            if (Number(request, "delta") is not { } delta) return Bad("delta must be a number of USD");
            return venue.AddEquity(user, delta) ? Ok($"\"user\":\"{user}\"") : Json(JsonText.Quote($"User or API Wallet {user} does not exist."), 404);
        }));
    }

    private static decimal? Number(HttpRequest request, string name) =>
        decimal.TryParse(request.Query[name].ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A plain request delegate (no delegate inference by reflection: trimming and NativeAOT).</summary>
    private static RequestDelegate Answer(Func<HttpRequest, IResult> handler) => context => handler(context.Request).ExecuteAsync(context);

    private static IResult Ok(string fields) => Json($"{{\"ok\":true,{fields}}}");

    /// <summary>A 400 whose body is the message as a JSON string.</summary>
    private static IResult Bad(string text) => Json(JsonText.Quote(text), 400);

    private static IResult Json(string body, int status = 200) => Results.Text(body, "application/json", statusCode: status);
}
