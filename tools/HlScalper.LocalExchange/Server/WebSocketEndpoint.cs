using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using HlScalper.LocalExchange.Venue;
using Microsoft.AspNetCore.Http;

namespace HlScalper.LocalExchange.Server;

/// <summary>The <c>/ws</c> endpoint (spec §6–8): greeting, subscribe/unsubscribe with snapshots, ping → pong, and post requests for info and actions.</summary>
public sealed class WebSocketEndpoint(LocalVenue venue, InfoResponder info, SessionHub hub)
{
    /// <summary>The plain-text frame the exchange sends right after connecting.</summary>
    public const string Greeting = "Websocket connection established.";

    private const int MaxMessageBytes = 1 << 20;

    private static readonly string[] MarketChannels = ["l2Book", "trades", "bbo"];
    private static readonly string[] UserChannels = ["orderUpdates", "userFills"];

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("expected a WebSocket upgrade");
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var session = new ClientSession(socket, context.Abort, venue.NowMs);
        var stop = context.RequestAborted;
        session.Send(Encoding.UTF8.GetBytes(Greeting));
        hub.Add(session);
        var writer = session.RunWriterAsync(stop);
        try
        {
            await ReceiveLoopAsync(session, stop);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client went away or was kicked: nothing to answer.
        }
        finally
        {
            hub.Remove(session);
            session.Complete();
            await writer;
        }
    }

    private async Task ReceiveLoopAsync(ClientSession session, CancellationToken stop)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (session.Socket.State == WebSocketState.Open)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await session.Socket.ReceiveAsync(buffer.GetMemory(4096), stop);
                buffer.Advance(result.Count);
                if (buffer.WrittenCount > MaxMessageBytes)
                {
                    session.Send(ErrorMessage("Message too large"));
                    session.Abort();
                    return;
                }
            }
            while (!result.EndOfMessage);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await session.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, stop);
                return;
            }
            session.Received(venue.NowMs);
            await HandleMessageAsync(session, buffer.WrittenMemory);
        }
    }

    private async Task HandleMessageAsync(ClientSession session, ReadOnlyMemory<byte> message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException)
        {
            session.Send(ErrorMessage($"Error parsing JSON: {Preview(message.Span)}"));
            return;
        }
        using (document)
        {
            var root = document.RootElement;
            var method = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            try
            {
                switch (method)
                {
                    case "ping":
                        session.Send("{\"channel\":\"pong\"}"u8.ToArray());
                        break;
                    case "subscribe":
                    case "unsubscribe":
                        Subscribe(session, root, method == "subscribe");
                        break;
                    case "post":
                        await PostAsync(session, root);
                        break;
                    default:
                        session.Send(ErrorMessage($"Unknown method: {Preview(message.Span)}"));
                        break;
                }
            }
            catch (Exception error) when (error is not (OperationCanceledException or WebSocketException))
            {
                // A bug answers this message with an error and is reported; the connection and the exchange go on.
                venue.Options.Log($"sim: socket message failed: {error}");
                session.Send(ErrorMessage($"Internal error: {error.Message}"));
            }
        }
    }

    private void Subscribe(ClientSession session, JsonElement root, bool subscribe)
    {
        var subscription = root.TryGetProperty("subscription", out var s) ? s : default;
        var topic = TopicOf(subscription);
        var text = subscription.ValueKind == JsonValueKind.Undefined ? "null" : subscription.GetRawText();
        if (topic is null)
        {
            session.Send(ErrorMessage($"Invalid subscription {text}"));
            return;
        }
        venue.Locked(() =>
        {
            if (subscribe ? !hub.Subscribe(session, topic) : !hub.Unsubscribe(session, topic))
            {
                venue.SendTo(session, ErrorMessage($"{(subscribe ? "Already subscribed" : "Already unsubscribed")}: {text}"));
                return 0;
            }
            venue.SendTo(session, Encoding.UTF8.GetBytes($"{{\"channel\":\"subscriptionResponse\",\"data\":{{\"method\":\"{(subscribe ? "subscribe" : "unsubscribe")}\",\"subscription\":{text}}}}}"));
            if (subscribe) SendSnapshot(session, topic);
            return 0;
        });
    }

    /// <summary>What a fresh subscriber gets at once: the current book or BBO, or the user's recent fills (isSnapshot: true).</summary>
    private void SendSnapshot(ClientSession session, string topic)
    {
        var (channel, key) = (topic[..topic.IndexOf(':')], topic[(topic.IndexOf(':') + 1)..]);
        if (channel == "userFills")
        {
            var fills = venue.Find(key)?.Fills ?? [];
            venue.SendTo(session, venue.Writer.UserFills(key, CollectionsMarshal.AsSpan(fills), isSnapshot: true));
            return;
        }
        if (channel is not ("l2Book" or "bbo")) return;
        var coin = (ushort)venue.Market.Coins.Find(Encoding.UTF8.GetBytes(key));
        var book = venue.Market.Book(coin);
        if (book.BidCount + book.AskCount == 0) return;
        var snapshot = venue.Market.Snapshot(coin, book.TimeMs);
        venue.SendTo(session, channel == "l2Book" ? venue.Writer.L2Book(in snapshot) : venue.Writer.Bbo(in snapshot));
    }

    private string? TopicOf(JsonElement subscription)
    {
        if (subscription.ValueKind != JsonValueKind.Object || !subscription.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String) return null;
        var type = t.GetString()!;
        if (MarketChannels.Contains(type))
        {
            return subscription.TryGetProperty("coin", out var c) && c.ValueKind == JsonValueKind.String
                   && venue.Market.Coins.Find(Encoding.UTF8.GetBytes(c.GetString()!)) != Engine.Events.CoinTable.NotFound
                ? SessionHub.MarketTopic(type, c.GetString()!)
                : null;
        }
        if (UserChannels.Contains(type))
        {
            return subscription.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.String && Protocol.Signing.EthAddress.TryParse(u.GetString(), out _)
                ? SessionHub.UserTopic(type, u.GetString()!)
                : null;
        }
        return null;
    }

    private async Task PostAsync(ClientSession session, JsonElement root)
    {
        if (!root.TryGetProperty("id", out var idElement) || !idElement.TryGetInt64(out var id))
        {
            session.Send(ErrorMessage("Post request without a numeric id"));
            return;
        }
        var request = root.TryGetProperty("request", out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
        var type = request.ValueKind == JsonValueKind.Object && request.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var payload = request.ValueKind == JsonValueKind.Object && request.TryGetProperty("payload", out var p) ? p : default;
        if (type == "action" && payload.ValueKind == JsonValueKind.Object)
        {
            await venue.ExecuteAsync(Encoding.UTF8.GetBytes(payload.GetRawText()), (status, body) =>
                session.Send(PostMessage(id, status == 200 ? $"{{\"type\":\"action\",\"payload\":{body}}}" : ErrorPayload(body))));
            return;
        }
        if (type == "info" && payload.ValueKind == JsonValueKind.Object)
        {
            try
            {
                var (infoType, json) = info.Answer(payload);
                session.Send(PostMessage(id, $"{{\"type\":\"info\",\"payload\":{{\"type\":{JsonText.Quote(infoType)},\"data\":{json}}}}}"));
            }
            catch (FormatException e)
            {
                session.Send(PostMessage(id, ErrorPayload(LocalVenue.BadRequest(e.Message))));
            }
            return;
        }
        session.Send(PostMessage(id, ErrorPayload("Post request type must be info or action, with an object payload")));
    }

    private static string ErrorPayload(string text) => $"{{\"type\":\"error\",\"payload\":{JsonText.Quote(text)}}}";

    private static byte[] PostMessage(long id, string response) => Encoding.UTF8.GetBytes($"{{\"channel\":\"post\",\"data\":{{\"id\":{id},\"response\":{response}}}}}");

    private static byte[] ErrorMessage(string text) => Encoding.UTF8.GetBytes($"{{\"channel\":\"error\",\"data\":{JsonText.Quote(text)}}}");

    private static string Preview(ReadOnlySpan<byte> message)
    {
        var text = Encoding.UTF8.GetString(message[..Math.Min(message.Length, 200)]);
        return message.Length > 200 ? text + "…" : text;
    }
}
