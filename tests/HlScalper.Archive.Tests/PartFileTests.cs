using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using System.Net;

namespace HlScalper.Archive.Tests;

/// <summary>Part-file naming and the completeness check; and how S3's answers are sorted for retrying.</summary>
public sealed class PartFileTests
{
    private string _dir = null!;

    [SetUp]
    public void Create() => _dir = Directory.CreateTempSubdirectory("part-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void PathFor_NamesTheVersion_WithoutTheQuotesOrOddCharacters()
    {
        Assert.That(PartFile.PathFor("/x/BTC.lz4", "\"478d58269fff62f3bfb4f663c0333043\""), Is.EqualTo("/x/BTC.lz4.part-478d58269fff62f3bfb4f663c0333043"));
        Assert.That(PartFile.PathFor("/x/BTC.lz4", "\"abc-12/..\""), Is.EqualTo("/x/BTC.lz4.part-abc-12___"));
        Assert.That(PartFile.IsPart("/x/BTC.lz4.part-abc"), Is.True);
        Assert.That(PartFile.IsPart("/x/BTC.lz4"), Is.False);
    }

    [Test]
    public async Task Check_TellsShortLongCorruptAndVerified()
    {
        var content = RandomNumberGenerator.GetBytes(10_000);
        var md5 = $"\"{Convert.ToHexStringLower(MD5.HashData(content))}\"";
        var path = Path.Combine(_dir, "f");
        var remote = new RemoteObject(new ArchiveObject("b", ["k"], "k"), "k", content.Length, md5);

        File.WriteAllBytes(path, content[..9_999]);
        Assert.That((await PartFile.CheckAsync(path, remote, default)).State, Is.EqualTo(PartState.Short));
        File.WriteAllBytes(path, [.. content, 0]);
        Assert.That((await PartFile.CheckAsync(path, remote, default)).State, Is.EqualTo(PartState.Corrupt));
        var flipped = content.ToArray();
        flipped[5_000] ^= 1;
        File.WriteAllBytes(path, flipped);
        var corrupt = await PartFile.CheckAsync(path, remote, default);
        Assert.That(corrupt.State, Is.EqualTo(PartState.Corrupt));
        Assert.That(corrupt.Detail, Does.EndWith($"is not the ETag {md5.Trim('"')}"));
        File.WriteAllBytes(path, content);
        Assert.That((await PartFile.CheckAsync(path, remote, default)).State, Is.EqualTo(PartState.Md5Verified));
    }

    [Test]
    public async Task Check_OfAMultipartObject_CanOnlyCompareTheSize()
    {
        var path = Path.Combine(_dir, "f");
        File.WriteAllBytes(path, new byte[100]);
        var remote = new RemoteObject(new ArchiveObject("b", ["k"], "k"), "k", 100, "\"0123456789abcdef0123456789abcdef-3\"");

        Assert.That(remote.ETagIsMd5, Is.False);
        Assert.That((await PartFile.CheckAsync(path, remote, default)).State, Is.EqualTo(PartState.SizeVerified));
    }

    [Test]
    public void RemoveStale_DeletesOtherVersionsOnly()
    {
        var final = Path.Combine(_dir, "BTC.lz4");
        var keep = PartFile.PathFor(final, "aaa");
        var old = PartFile.PathFor(final, "bbb");
        var other = PartFile.PathFor(Path.Combine(_dir, "ETH.lz4"), "bbb");
        foreach (var p in new[] { keep, old, other }) File.WriteAllBytes(p, [1]);

        PartFile.RemoveStale(final, keep);

        Assert.That(Directory.GetFiles(_dir).Order(), Is.EqualTo(new[] { keep, other }.Order()));
    }

    [TestCase(HttpStatusCode.NotFound, "NoSuchKey", nameof(FailureKind.NotFound))]
    [TestCase(HttpStatusCode.Forbidden, "AccessDenied", nameof(FailureKind.Forbidden))]
    [TestCase(HttpStatusCode.ServiceUnavailable, "SlowDown", nameof(FailureKind.Throttled))]
    [TestCase(HttpStatusCode.ServiceUnavailable, null, nameof(FailureKind.Throttled))]
    [TestCase(HttpStatusCode.TooManyRequests, null, nameof(FailureKind.Throttled))]
    [TestCase(HttpStatusCode.InternalServerError, "InternalError", nameof(FailureKind.Transient))]
    [TestCase(HttpStatusCode.PreconditionFailed, "PreconditionFailed", nameof(FailureKind.Changed))]
    [TestCase(HttpStatusCode.BadRequest, "AuthorizationHeaderMalformed", nameof(FailureKind.WrongRegion))]
    [TestCase(HttpStatusCode.MovedPermanently, "PermanentRedirect", nameof(FailureKind.WrongRegion))]
    [TestCase(HttpStatusCode.BadRequest, "InvalidArgument", nameof(FailureKind.Other))]
    public void S3Answers_AreSortedForRetrying(HttpStatusCode status, string? code, string kind)
    {
        var e = new AmazonS3Exception("m", ErrorType.Sender, code, "req", status);

        Assert.That(S3Failure.Classify(e).ToString(), Is.EqualTo(kind));
    }

    [Test]
    public void NetworkFailures_AreTransient_AndMissingCredentialsAreNamed()
    {
        Assert.That(S3Failure.Classify(new HttpRequestException("reset", new IOException("connection reset"))), Is.EqualTo(FailureKind.Transient));
        Assert.That(S3Failure.Classify(new AmazonClientException("Failed to resolve AWS credentials.")), Is.EqualTo(FailureKind.NoCredentials));
        var wrongRegion = new AmazonS3Exception("the region 'us-east-1' is wrong; expecting 'ap-northeast-1'", ErrorType.Sender, "AuthorizationHeaderMalformed", "r", HttpStatusCode.BadRequest);
        Assert.That(S3Failure.Explain(FailureKind.WrongRegion, wrongRegion, "hyperliquid-archive", "k"), Does.Contain("S3 says it is 'ap-northeast-1'").And.Contain("--region"));
    }
}
