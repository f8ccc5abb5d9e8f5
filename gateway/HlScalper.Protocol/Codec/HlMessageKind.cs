namespace HlScalper.Protocol.Codec;

/// <summary>What one Hyperliquid WebSocket message was, as reported by <see cref="HlCodec.Parse{TSink}"/>.</summary>
public enum HlMessageKind : byte
{
    /// <summary>Not valid JSON, or a known channel with a bad value: counted and logged, no events.</summary>
    Malformed = 0,
    /// <summary>The plain-text "Websocket connection established." sent after connecting.</summary>
    Greeting,
    L2Book,
    Bbo,
    Trades,
    OrderUpdates,
    UserFills,
    /// <summary>Channel <c>user</c> (userEvents): recognised, payload exposed, no events (fills come from userFills).</summary>
    User,
    /// <summary>A <c>post</c> response: <see cref="HlCodec.LastPostId"/> and <see cref="HlCodec.LastPayload"/> locate it.</summary>
    Post,
    SubscriptionResponse,
    Pong,
    /// <summary>Channel <c>error</c>: <see cref="HlCodec.LastPayload"/> is the (still JSON-escaped) text.</summary>
    Error,
    /// <summary>Valid JSON on a channel the engine does not consume (allMids, notification, candle, …).</summary>
    Ignored,
}
