namespace HlScalper.Protocol.Codec;

/// <summary>What the <c>response</c> of a <c>post</c> answer said, as <see cref="PostReply"/> reports it.</summary>
public enum PostReplyKind : byte
{
    /// <summary>Not a post answer (the message was of another kind).</summary>
    None = 0,
    /// <summary><c>{"type":"action","payload":{"status":"ok",…}}</c>: one status per order or cancel (none for <c>type:"default"</c>).</summary>
    Statuses,
    /// <summary><c>{"type":"action","payload":{"status":"err","response":TEXT}}</c>: the whole action was refused.</summary>
    Refused,
    /// <summary><c>{"type":"error","payload":TEXT}</c>: the server did not handle the post (rate limit, bad request).</summary>
    Error,
    /// <summary>Not an action answer (<c>type:"info"</c>): only <see cref="PostReply.Response"/> means something.</summary>
    Other,
    /// <summary>An action answer of a shape this build does not know: its orders are treated as refused.</summary>
    Unreadable,
}
