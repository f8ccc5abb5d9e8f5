using HlScalper.Engine.Events;
using HlScalper.Protocol.Actions;

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
    /// <summary>What a post's <c>response</c> said (its statuses are in <see cref="EventBatch.Statuses"/>).</summary>
    public PostReplyKind Reply;
    /// <summary>For <see cref="PostReplyKind.Statuses"/>: order, cancel or default.</summary>
    public ExchangeResponseType ResponseType;
    /// <summary>For <see cref="PostReplyKind.Refused"/> and <see cref="PostReplyKind.Error"/>: the status the text names.</summary>
    public OrderStatus Refusal;
    /// <summary>For <see cref="PostReplyKind.Refused"/> and <see cref="PostReplyKind.Error"/>: where the text lies (between the quotes of a string).</summary>
    public Range ReplyText;

    public void Clear() => this = default;
}
