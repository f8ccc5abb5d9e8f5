using System.Text.Json;
using HlScalper.Gateway.WebSockets;

namespace HlScalper.Testing;

/// <summary>A WebSocket exchange for the CLI's feed verbs: acks every subscription, then plays the given messages once per connection and keeps the socket open.</summary>
public static class PlaybackExchange
{
    public static Task<TestWebSocketServer> Start(IReadOnlyList<byte[]> messages) => TestWebSocketServer.StartAsync(async (session, _) =>
    {
        await session.SendTextAsync("Websocket connection established.");
        var first = true;
        while (true)
        {
            var text = await session.ReadClientTextAsync();
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.GetProperty("method").GetString() == "subscribe")
                await session.SendTextAsync($$$"""{"channel":"subscriptionResponse","data":{"method":"subscribe","subscription":{{{doc.RootElement.GetProperty("subscription").GetRawText()}}}}}""");
            if (!first) continue;
            first = false;
            foreach (var m in messages) await session.WriteAsync(RawWebSocketSession.Frame(WebSocketOpcode.Text, m));
        }
    });
}
