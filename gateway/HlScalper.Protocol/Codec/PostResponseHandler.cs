namespace HlScalper.Protocol.Codec;

/// <summary>Receives a <c>post</c> answer: the request id and what its <c>response</c> said (valid only during the call).</summary>
public delegate void PostResponseHandler(long id, in PostReply reply);
