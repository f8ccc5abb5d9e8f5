using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;

namespace HlScalper.Archive;

/// <summary>Sorts the SDK's and the network's exceptions into what the fetcher does about them, with a message a trader can act on.</summary>
internal static class S3Failure
{
    private static readonly HashSet<string> ThrottleCodes = ["SlowDown", "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequests", "RequestThrottled"];

    public static FailureKind Classify(Exception e)
    {
        if (Find<AmazonServiceException>(e) is { } service)
        {
            if (ThrottleCodes.Contains(service.ErrorCode ?? "") || service.StatusCode == HttpStatusCode.TooManyRequests) return FailureKind.Throttled;
            if (service.ErrorCode is "AuthorizationHeaderMalformed" or "PermanentRedirect" || service.StatusCode is HttpStatusCode.MovedPermanently) return FailureKind.WrongRegion;
            return service.StatusCode switch
            {
                HttpStatusCode.NotFound => FailureKind.NotFound,
                HttpStatusCode.Forbidden => FailureKind.Forbidden,
                HttpStatusCode.PreconditionFailed => FailureKind.Changed,
                HttpStatusCode.ServiceUnavailable => FailureKind.Throttled,
                >= HttpStatusCode.InternalServerError => FailureKind.Transient,
                // A request that failed before any answer (connection refused or reset) comes with status 0.
                0 when Find<IOException>(e) is not null || Find<HttpRequestException>(e) is not null || Find<SocketException>(e) is not null => FailureKind.Transient,
                _ => FailureKind.Other,
            };
        }
        if (e is AmazonClientException && e.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase)) return FailureKind.NoCredentials;
        if (Find<IOException>(e) is not null || Find<HttpRequestException>(e) is not null || Find<SocketException>(e) is not null || Find<TimeoutException>(e) is not null)
            return FailureKind.Transient;
        return FailureKind.Other;
    }

    /// <summary>The fatal message for a run-wide failure (403, no credentials, wrong region).</summary>
    public static string Explain(FailureKind kind, Exception e, string bucket, string key) => kind switch
    {
        FailureKind.Forbidden =>
            $"403 Forbidden for s3://{bucket}/{key}. The archive is requester-pays: every request must be signed by an AWS account that pays "
            + "for the transfer (this tool always sends x-amz-request-payer: requester). Check the credentials the standard AWS chain finds "
            + "(AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE and ~/.aws, SSO, a container or instance role) and that the account's "
            + "policy allows s3:GetObject on the bucket. (S3 also answers 403 for a missing file to an account that may not list the bucket.)",
        FailureKind.NoCredentials =>
            "no AWS credentials found: the archive is requester-pays and anonymous requests are refused. Set AWS_ACCESS_KEY_ID and "
            + "AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with ~/.aws/credentials, or run where a container or instance role is available.",
        FailureKind.WrongRegion =>
            $"s3://{bucket} is not in the region the requests were signed for{RegionHint(e)}: give it with --region (or AWS_REGION).",
        _ => $"s3://{bucket}/{key}: {Short(e)}",
    };

    /// <summary>One line for a failure of one file: the status and S3's error code, or the exception's message.</summary>
    public static string Short(Exception e)
    {
        if (Find<AmazonServiceException>(e) is not { } s || s.StatusCode == 0) return $"{e.GetType().Name}: {e.Message}";
        // A HEAD's error has no body, so the SDK has only its own boilerplate to say: the status and code are all there is.
        var said = s.Message.StartsWith("Error making request", StringComparison.Ordinal) ? "" : s.Message;
        return $"{(int)s.StatusCode} {s.ErrorCode} {said}".TrimEnd();
    }

    /// <summary>The SDK's own MD5 check of a whole-object GET failed (its message is all that tells it apart).</summary>
    public static bool IsHashMismatch(Exception e) =>
        e is AmazonClientException && e.Message.Contains("hash", StringComparison.OrdinalIgnoreCase);

    private static string RegionHint(Exception e)
    {
        // S3's error says "the region 'us-east-1' is wrong; expecting 'ap-northeast-1'" or sends x-amz-bucket-region.
        var text = e.Message;
        var at = text.IndexOf("expecting '", StringComparison.Ordinal);
        if (at < 0) return "";
        var start = at + "expecting '".Length;
        var end = text.IndexOf('\'', start);
        return end > start ? $" (S3 says it is '{text[start..end]}')" : "";
    }

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
            if (e is T t) return t;
        return null;
    }
}
