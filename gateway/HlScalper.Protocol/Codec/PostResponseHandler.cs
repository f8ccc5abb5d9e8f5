namespace HlScalper.Protocol.Codec;

/// <summary>Receives a <c>post</c> response: the request id and the raw JSON of its <c>response</c> object (valid only during the call).</summary>
public delegate void PostResponseHandler(long id, ReadOnlySpan<byte> response);
