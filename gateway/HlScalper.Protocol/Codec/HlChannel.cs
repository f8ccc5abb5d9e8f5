namespace HlScalper.Protocol.Codec;

/// <summary>Maps a channel name to the message kind it carries.</summary>
internal static class HlChannel
{
    /// <summary>The kind for channel <paramref name="name"/>; <see cref="HlMessageKind.Ignored"/> for channels the engine does not consume.</summary>
    public static HlMessageKind Classify(ReadOnlySpan<byte> name) => name.Length switch
    {
        3 when name.SequenceEqual("bbo"u8) => HlMessageKind.Bbo,
        4 when name.SequenceEqual("user"u8) => HlMessageKind.User,
        4 when name.SequenceEqual("post"u8) => HlMessageKind.Post,
        4 when name.SequenceEqual("pong"u8) => HlMessageKind.Pong,
        5 when name.SequenceEqual("error"u8) => HlMessageKind.Error,
        6 when name.SequenceEqual("l2Book"u8) => HlMessageKind.L2Book,
        6 when name.SequenceEqual("trades"u8) => HlMessageKind.Trades,
        9 when name.SequenceEqual("userFills"u8) => HlMessageKind.UserFills,
        12 when name.SequenceEqual("orderUpdates"u8) => HlMessageKind.OrderUpdates,
        20 when name.SequenceEqual("subscriptionResponse"u8) => HlMessageKind.SubscriptionResponse,
        _ => HlMessageKind.Ignored,
    };

    /// <summary>The greeting the server sends as a plain-text frame right after the upgrade.</summary>
    public static ReadOnlySpan<byte> Greeting => "Websocket connection established."u8;

    /// <summary>True for the greeting, ignoring surrounding whitespace.</summary>
    public static bool IsGreeting(ReadOnlySpan<byte> message) => message.Trim(" \t\r\n"u8).SequenceEqual(Greeting);
}
