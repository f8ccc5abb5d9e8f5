using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace HlScalper.Archive;

/// <summary>Where the archive is served and in which region requests are signed; credentials always come from the AWS SDK's standard chain.</summary>
/// <param name="Endpoint">An S3-compatible server (<c>http://127.0.0.1:4568</c>) instead of AWS; path-style addressing is used with it.</param>
/// <param name="Region">The signing region; null takes <c>AWS_REGION</c>, then <c>AWS_DEFAULT_REGION</c>, then <see cref="DefaultRegion"/>.</param>
public sealed record ArchiveConnection(string? Endpoint = null, string? Region = null)
{
    /// <summary>The region used when none is configured. A request signed for the wrong region is refused by S3 with the right one named, and that error says so.</summary>
    public const string DefaultRegion = "us-east-1";

    public string ResolvedRegion => Region
                                    ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_REGION"))
                                    ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION"))
                                    ?? DefaultRegion;

    /// <summary>A client with the SDK's own retries off: <see cref="ArchiveFetcher"/> retries itself, so it can count throttling and resume a broken transfer where it stopped.</summary>
    /// <param name="credentials">Null (the command line): the SDK's standard chain. A library caller may pass its own.</param>
    public IAmazonS3 CreateClient(AWSCredentials? credentials = null)
    {
        var config = new AmazonS3Config { MaxErrorRetry = 0, Timeout = TimeSpan.FromSeconds(60) };
        if (Endpoint is null) config.RegionEndpoint = RegionEndpoint.GetBySystemName(ResolvedRegion);
        else
        {
            config.ServiceURL = Endpoint;
            config.AuthenticationRegion = ResolvedRegion;
            config.ForcePathStyle = true;
        }
        // The default chain: environment, profile, SSO, container or instance role. Credentials are never printed.
        return credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
