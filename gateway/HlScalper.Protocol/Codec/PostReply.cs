using HlScalper.Engine.Events;
using HlScalper.Protocol.Actions;

namespace HlScalper.Protocol.Codec;

/// <summary>One <c>post</c> answer as the codec read it: statuses as structs, nothing allocated; valid only during the <see cref="PostResponseHandler"/> call.</summary>
public readonly ref struct PostReply
{
    private readonly OrderStatus _refusal;

    internal PostReply(PostReplyKind kind, ExchangeResponseType type, OrderStatus refusal, ReadOnlySpan<ActionStatus> statuses, ReadOnlySpan<byte> response, ReadOnlySpan<byte> text)
    {
        Kind = kind;
        Type = type;
        _refusal = refusal;
        Statuses = statuses;
        Response = response;
        Text = text;
    }

    public PostReplyKind Kind { get; }

    /// <summary>For <see cref="PostReplyKind.Statuses"/>: order, cancel or default.</summary>
    public ExchangeResponseType Type { get; }

    /// <summary>For <see cref="PostReplyKind.Statuses"/>, in request order; one entry can stand for a whole batch refused in pre-validation.</summary>
    public ReadOnlySpan<ActionStatus> Statuses { get; }

    /// <summary>What a whole-action refusal means for each of its orders: the status its text names (<see cref="HlRefusalTexts"/>); <see cref="OrderStatus.Rejected"/> for an error, an unreadable or a non-action answer.</summary>
    public OrderStatus Refusal => Kind is PostReplyKind.Refused or PostReplyKind.Error && _refusal != OrderStatus.Unknown ? _refusal : OrderStatus.Rejected;

    /// <summary>The raw <c>response</c> object (what the exchange client parses for its own posts).</summary>
    public ReadOnlySpan<byte> Response { get; }

    /// <summary>For <see cref="PostReplyKind.Refused"/> and <see cref="PostReplyKind.Error"/>: the text as sent (still JSON-escaped; the raw value when it was not a string).</summary>
    public ReadOnlySpan<byte> Text { get; }
}
