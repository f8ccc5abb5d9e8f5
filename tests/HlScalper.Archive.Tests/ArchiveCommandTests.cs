using HlScalper.Archive.Tests.Support;
using HlScalper.Cli;

namespace HlScalper.Archive.Tests;

/// <summary><c>hlscalper archive fetch</c> as a child process against s3rver behind the requester-pays gate: killed mid-download and run again, refused, and its usage errors.</summary>
[TestFixture]
public sealed class ArchiveCommandTests
{
    private S3rver _s3 = null!;
    private RequesterPaysGate _gate = null!;
    private string _out = null!;

    [OneTimeSetUp]
    public async Task StartServers()
    {
        ArchiveSamples.RealHour();
        _s3 = await S3rver.StartAsync();
        _gate = await RequesterPaysGate.StartAsync(_s3.Endpoint);
    }

    [OneTimeTearDown]
    public async Task StopServers()
    {
        if (_gate is not null) await _gate.DisposeAsync();
        _s3?.Dispose();
    }

    [SetUp]
    public void NewOutput() => _out = Directory.CreateTempSubdirectory("archive-cli-").FullName;

    [TearDown]
    public void RemoveOutput() => Directory.Delete(_out, recursive: true);

    [Test]
    public async Task KilledMidDownload_TheNextRunResumesFromThePartFile_AndGetsTheFileByteForByte()
    {
        var real = ArchiveSamples.RealHour();
        var key = ArchiveSamples.BookKey("20240301", 12);
        await _s3.PutAsync(ArchiveKind.MarketBucket, key, real);
        var final = ArchiveObject.LocalPath(_out, key);
        _gate.StallAfter($"/{ArchiveKind.MarketBucket}/{key}", 200_000);

        string part;
        using (var first = CliProcess.Start("fetch-1", Args("2024-03-01", "12"), S3rver.Environment()))
        {
            await _gate.Stalled.WaitAsync(TimeSpan.FromSeconds(60));
            part = await PartFileReaching(final, 128 * 1024, TimeSpan.FromSeconds(60), first);
            first.Signal(CliProcess.SigKill);
            Assert.That(await first.WaitForExit(TimeSpan.FromSeconds(30)), Is.Not.Zero);
        }
        var kept = new FileInfo(part).Length;
        Assert.That(kept, Is.InRange(128 * 1024, 200_000));
        Assert.That(File.Exists(final), Is.False, "nothing is renamed before it is complete");

        using var second = CliProcess.Start("fetch-2", Args("2024-03-01", "12"), S3rver.Environment());
        Assert.That(await second.WaitForExit(TimeSpan.FromSeconds(60)), Is.Zero, second.Tail());

        Assert.That(File.ReadAllBytes(final), Is.EqualTo(real));
        Assert.That(File.Exists(part), Is.False);
        var gets = _gate.Requests.Where(r => r.Method == "GET" && r.Path.EndsWith(key, StringComparison.Ordinal)).ToList();
        Assert.That(gets.Select(g => g.Range), Is.EqualTo(new[] { null, $"bytes={kept}-{real.Length - 1}" }));
        Assert.That(second.Output, Does.Contain("1 checked by MD5 = ETag").And.Contain("1 resumed").And.Contain($"{real.Length - kept:N0} bytes in"));
    }

    [Test]
    public async Task RefusedCredentials_Exit1_WithTheRequesterPaysExplanation_AndNeverPrintTheSecret()
    {
        await _s3.PutAsync(ArchiveKind.MarketBucket, ArchiveSamples.BookKey("20240302", 12), ArchiveSamples.RealHour());

        using var run = CliProcess.Start("fetch", Args("2024-03-02", "12"), S3rver.Environment("AKIAWRONGWRONGWRONG", "wrongSecretThatMustNotBePrinted"));

        Assert.That(await run.WaitForExit(TimeSpan.FromSeconds(60)), Is.EqualTo(1), run.Tail());
        Assert.That(run.Output, Does.Contain("403 Forbidden for s3://hyperliquid-archive/market_data/20240302/12/l2Book/BTC.lz4").And.Contain("requester-pays"));
        Assert.That(run.Output, Does.Not.Contain("wrongSecretThatMustNotBePrinted"));
    }

    [Test]
    public async Task NoCredentialsAnywhere_Exit1_NamingWhereTheyAreLookedFor()
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "",
            ["AWS_SECRET_ACCESS_KEY"] = "",
            ["AWS_PROFILE"] = "",
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_out, "none"),
            ["AWS_CONFIG_FILE"] = Path.Combine(_out, "none"),
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_REGION"] = "us-east-1",
        };

        using var run = CliProcess.Start("fetch", Args("2024-03-03", "12"), environment);

        Assert.That(await run.WaitForExit(TimeSpan.FromSeconds(60)), Is.EqualTo(1), run.Tail());
        Assert.That(run.Output, Does.Contain("no AWS credentials found").And.Contain("AWS_ACCESS_KEY_ID"));
    }

    [TestCase("--from 2024-01-01 --out X", "--coin is required with --kind l2book")]
    [TestCase("--coin BTC --from 2024-01-02 --to 2024-01-01 --out X", "--to 2024-01-01 is before --from 2024-01-02")]
    [TestCase("--coin BTC --yesterday --from 2024-01-01 --out X", "give exactly one of --from DAY, --yesterday or --last N")]
    [TestCase("--coin BTC --from 2024-01-01 --hours 9-24 --out X", "--hours hours '9-24': '24' is not an hour 0..23")]
    [TestCase("--coin BTC --from 2024-01-01 --kind trades --out X", "--kind must be one of l2book, asset-ctxs, node-fills, node-trades, not 'trades'")]
    [TestCase("--coin BTC --from 2024-01-01 --kind asset-ctxs --out X", "--coin does not apply to --kind asset-ctxs")]
    [TestCase("--coin BTC --from 01/02/2024 --out X", "--from '01/02/2024' is not a day (YYYY-MM-DD)")]
    [TestCase("--coin BTC --from 2024-01-01", "--out DIR is required")]
    [TestCase("--coin BTC --from 2024-01-01 --out X --parallel 0", "--parallel must be 1..64")]
    public async Task BadArguments_AreUsageErrors_BeforeAnyRequest(string args, string message)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await CliApp.RunAsync(["archive", "fetch", .. args.Split(' ')], stdout, stderr);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr.ToString(), Does.Contain(message));
    }

    private List<string> Args(string day, string hours) =>
        ["archive", "fetch", "--coin", "BTC", "--from", day, "--hours", hours, "--out", _out, "--endpoint", _gate.Endpoint.ToString(), "--parallel", "1"];

    /// <summary>Waits until the download's part file holds at least <paramref name="bytes"/> (the child writes it; there is no other signal to wait on).</summary>
    private static async Task<string> PartFileReaching(string final, long bytes, TimeSpan timeout, CliProcess child)
    {
        var directory = Path.GetDirectoryName(final)!;
        string? Part() => Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, Path.GetFileName(final) + ".part-*").FirstOrDefault(p => new FileInfo(p).Length >= bytes)
            : null;
        var part = await Eventually.Value(() => Task.FromResult(Part()), p => p is not null || child.HasExited, $"a part file of {bytes:N0} bytes", timeout, _ => child.Tail());
        return part ?? throw new AssertionException($"the download exited before a part file of {bytes:N0} bytes appeared:\n{child.Tail()}");
    }
}
