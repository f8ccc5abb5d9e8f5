using System.Text.Json;

namespace HlScalper.Protocol.Codec;

/// <summary>One Hyperliquid subscription (<c>{"type":…,"coin":…}</c> or <c>{"type":…,"user":…}</c>), as sent and as echoed in acks.</summary>
public sealed record HlSubscription(string Type, string? Coin = null, string? User = null)
{
    public static HlSubscription L2Book(string coin) => new("l2Book", coin);

    public static HlSubscription Trades(string coin) => new("trades", coin);

    public static HlSubscription Bbo(string coin) => new("bbo", coin);

    public static HlSubscription OrderUpdates(string user) => new("orderUpdates", User: user);

    public static HlSubscription UserFills(string user) => new("userFills", User: user);

    /// <summary>True for channels whose silence means a stale market (the heartbeat alarm watches these).</summary>
    public bool IsMarketData => Coin is not null;

    /// <summary>The subscription object as JSON.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", Type);
            if (Coin is not null) w.WriteString("coin", Coin);
            if (User is not null) w.WriteString("user", User);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The request that subscribes (or unsubscribes) this.</summary>
    public byte[] Request(bool subscribe) =>
        System.Text.Encoding.UTF8.GetBytes($"{{\"method\":\"{(subscribe ? "subscribe" : "unsubscribe")}\",\"subscription\":{ToJson()}}}");

    /// <summary>Reads the subscription an ack (subscriptionResponse data) refers to, and whether it acknowledges a subscribe.</summary>
    public static (HlSubscription Subscription, bool Subscribed)? FromAck(ReadOnlySpan<byte> data)
    {
        try
        {
            using var doc = JsonDocument.Parse(data.ToArray());
            var root = doc.RootElement;
            var sub = root.GetProperty("subscription");
            var subscription = new HlSubscription(
                sub.GetProperty("type").GetString()!,
                sub.TryGetProperty("coin", out var coin) ? coin.GetString() : null,
                sub.TryGetProperty("user", out var user) ? user.GetString() : null);
            var method = root.TryGetProperty("method", out var m) ? m.GetString() : "subscribe";
            return (subscription, method == "subscribe");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    public override string ToString() => ToJson();
}
