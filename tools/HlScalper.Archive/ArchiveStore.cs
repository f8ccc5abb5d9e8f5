using Amazon.S3;
using Amazon.S3.Model;

namespace HlScalper.Archive;

/// <summary>The two requests the fetcher makes, each marked requester-pays: the archive refuses any request that is not.</summary>
public sealed class ArchiveStore(IAmazonS3 s3)
{
    /// <summary>Size and ETag of <paramref name="key"/> (a HEAD request).</summary>
    public async Task<RemoteObject> HeadAsync(ArchiveObject source, string key, CancellationToken cancel)
    {
        var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest
        {
            BucketName = source.Bucket,
            Key = key,
            RequestPayer = RequestPayer.Requester,
        }, cancel);
        return new RemoteObject(source, key, head.ContentLength, head.ETag ?? "");
    }

    /// <summary>The object's bytes from <paramref name="offset"/> on, only while its ETag is still <see cref="RemoteObject.ETag"/> (else 412).</summary>
    public Task<GetObjectResponse> GetAsync(RemoteObject remote, long offset, CancellationToken cancel)
    {
        var request = new GetObjectRequest
        {
            BucketName = remote.Source.Bucket,
            Key = remote.Key,
            RequestPayer = RequestPayer.Requester,
            EtagToMatch = remote.ETag,
        };
        if (offset > 0) request.ByteRange = new ByteRange(offset, remote.Size - 1);
        return s3.GetObjectAsync(request, cancel);
    }
}
