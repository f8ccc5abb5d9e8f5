namespace HlScalper.Protocol.Codec;

/// <summary>What a parser found besides events: the kind, and where the payload of a non-market message lies in the message.</summary>
internal struct ParseOutcome
{
    public HlMessageKind Kind;
    /// <summary>Request id of a <c>post</c> response.</summary>
    public long PostId;
    /// <summary>Raw payload: post <c>response</c>, error text (between the quotes), subscriptionResponse/user <c>data</c>.</summary>
    public Range Payload;
    /// <summary>Items skipped because their coin is not in the coin table.</summary>
    public int UnknownCoins;

    public void Clear() => this = default;
}
