using System.Net;

namespace HlScalper.Gateway.Info;

/// <summary>An /info call failed for good: a non-retryable status, retries exhausted, or a body that is not the expected JSON.</summary>
public sealed class HlInfoException(string message, HttpStatusCode? status = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The last HTTP status, when there was a response.</summary>
    public HttpStatusCode? Status { get; } = status;
}
