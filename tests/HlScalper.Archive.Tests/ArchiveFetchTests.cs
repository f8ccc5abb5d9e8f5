using Amazon.Runtime;
using HlScalper.Archive.Tests.Support;

namespace HlScalper.Archive.Tests;

/// <summary>The fetcher against a real S3-compatible server (s3rver) behind the requester-pays gate, on objects made from the real archive hour.</summary>
[TestFixture]
public sealed class ArchiveFetchTests
{
    private S3rver _s3 = null!;
    private RequesterPaysGate _gate = null!;
    private string _out = null!;
    private readonly List<string> _log = [];

    [OneTimeSetUp]
    public async Task StartServers()
    {
        ArchiveSamples.RealHour(); // ignore the fixture early when ../shared is absent
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
    public void NewOutput()
    {
        _out = Directory.CreateTempSubdirectory("archive-fetch-").FullName;
        _log.Clear();
    }

    [TearDown]
    public void RemoveOutput() => Directory.Delete(_out, recursive: true);

    [Test]
    public async Task FullFetch_DownloadsEveryHourByteForByte_AndARerunSendsNoRequest()
    {
        var pieces = ArchiveSamples.Split(3);
        for (var h = 0; h < 3; h++) await _s3.PutAsync(ArchiveKind.MarketBucket, ArchiveSamples.BookKey("20240201", 12 + h), pieces[h]);
        var before = _gate.Requests.Count;

        var report = await Fetch(Selection("2024-02-01", "12-14"));

        Assert.That(report.Of(OutcomeKind.Downloaded).Count(), Is.EqualTo(3), Log(report));
        for (var h = 0; h < 3; h++)
            Assert.That(File.ReadAllBytes(Local(ArchiveSamples.BookKey("20240201", 12 + h))), Is.EqualTo(pieces[h]));
        Assert.That(report.Of(OutcomeKind.Downloaded).Select(o => o.Verified), Is.All.EqualTo(PartState.Md5Verified));
        Assert.That(report.BytesTransferred, Is.EqualTo(pieces.Sum(p => (long)p.Length)));
        Assert.That(PartFiles(), Is.Empty);
        Assert.That(_gate.Refused, Is.Zero, "every request carried x-amz-request-payer: requester");
        Assert.That(_gate.Requests.Count - before, Is.EqualTo(6), "one HEAD and one GET per file");

        var again = await Fetch(Selection("2024-02-01", "12-14"));
        Assert.That(again.Of(OutcomeKind.Present).Count(), Is.EqualTo(3));
        Assert.That(again.Requests, Is.Zero);
        Assert.That(_gate.Requests.Count - before, Is.EqualTo(6), "the rerun sent nothing");
    }

    [Test]
    public async Task MissingHour_IsListedAtTheEnd_AndTheOtherHoursArrive()
    {
        var pieces = ArchiveSamples.Split(3);
        await _s3.PutAsync(ArchiveKind.MarketBucket, ArchiveSamples.BookKey("20240202", 12), pieces[0]);
        await _s3.PutAsync(ArchiveKind.MarketBucket, ArchiveSamples.BookKey("20240202", 14), pieces[2]);

        var report = await Fetch(Selection("2024-02-02", "12-14"));

        Assert.That(report.Of(OutcomeKind.Downloaded).Select(o => o.Key), Is.EquivalentTo(new[] { ArchiveSamples.BookKey("20240202", 12), ArchiveSamples.BookKey("20240202", 14) }));
        Assert.That(report.Of(OutcomeKind.Missing).Select(o => o.Object.Label), Is.EqualTo(new[] { "BTC 2024-02-02 13h" }));
        Assert.That(report.ExitCode, Is.Zero, "a gap in the archive is not a failure");
        var lines = report.Lines(TransferCost.DefaultPricePerGb).ToList();
        var heading = lines.FindIndex(l => l.StartsWith("missing from the archive (1", StringComparison.Ordinal));
        Assert.That(heading, Is.GreaterThan(0), string.Join('\n', lines));
        Assert.That(lines[heading + 1], Does.Contain("BTC 2024-02-02 13h").And.Contain("s3://hyperliquid-archive/market_data/20240202/13/l2Book/BTC.lz4"));
        Assert.That(File.Exists(Local(ArchiveSamples.BookKey("20240202", 13))), Is.False);
    }

    [Test]
    public async Task CorruptedObject_FailsItsMd5Check_LeavesNothingBehind_AndTheRestArrives()
    {
        var real = ArchiveSamples.RealHour();
        await _s3.PutAsync(ArchiveKind.MarketBucket, ArchiveSamples.BookKey("20240203", 12), real);
        await _s3.PutAsync(ArchiveKind.MarketBucket, ArchiveSamples.BookKey("20240203", 13), real);
        // Bit rot behind the server's back: same size, the ETag still the MD5 of the upload.
        var stored = _s3.ObjectFile(ArchiveKind.MarketBucket, ArchiveSamples.BookKey("20240203", 12));
        var bytes = File.ReadAllBytes(stored);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(stored, bytes);

        var report = await Fetch(Selection("2024-02-03", "12-13"), retries: 2);

        var failed = report.Of(OutcomeKind.Failed).Single();
        Assert.That(failed.Key, Is.EqualTo(ArchiveSamples.BookKey("20240203", 12)));
        Assert.That(failed.Detail, Does.Contain("corrupt download").And.Contain("is not the ETag").And.Contain("after 3 attempts"));
        Assert.That(_log.Count(l => l.Contains("corrupt download", StringComparison.Ordinal)), Is.EqualTo(2), "two retries before giving up");
        Assert.That(File.Exists(Local(failed.Key!)), Is.False);
        Assert.That(PartFiles(), Is.Empty);
        Assert.That(File.ReadAllBytes(Local(ArchiveSamples.BookKey("20240203", 13))), Is.EqualTo(real));
        Assert.That(report.ExitCode, Is.EqualTo(1));
        Assert.That(report.Lines(TransferCost.DefaultPricePerGb), Has.Some.StartsWith("FAILED (1"));
    }

    [Test]
    public async Task WrongCredentials_Get403_AndStopTheRunWithTheRequesterPaysExplanation()
    {
        await _s3.PutAsync(ArchiveKind.MarketBucket, ArchiveSamples.BookKey("20240204", 12), ArchiveSamples.RealHour());

        var e = Assert.ThrowsAsync<ArchiveAccessException>(() => Fetch(Selection("2024-02-04", "12"), credentials: new BasicAWSCredentials("NOTAKEY", "NOTASECRET")));

        Assert.That(e!.Message, Does.StartWith("403 Forbidden for s3://hyperliquid-archive/market_data/20240204/12/l2Book/BTC.lz4").And.Contain("requester-pays").And.Contain("AWS_ACCESS_KEY_ID"));
        Assert.That(e.Message, Does.Not.Contain("NOTASECRET"));
        Assert.That(Directory.EnumerateFiles(_out, "*", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public async Task Gate_RefusesARequestWithoutTheRequesterPaysHeader_AsTheArchiveDoes()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(_gate.Endpoint, "/hyperliquid-archive/" + ArchiveSamples.BookKey("20240201", 12)));

        Assert.That((int)response.StatusCode, Is.EqualTo(403));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("<Code>AccessDenied</Code>"));
    }

    [Test]
    public async Task Throttling_IsRetriedWithBackoff_AndCounted()
    {
        var real = ArchiveSamples.RealHour();
        await _s3.PutAsync(ArchiveKind.MarketBucket, ArchiveSamples.BookKey("20240205", 12), real);
        _gate.ThrottleNext(3);

        var report = await Fetch(Selection("2024-02-05", "12"));

        Assert.That(report.Throttled, Is.EqualTo(3));
        Assert.That(_log.Where(l => l.Contains("throttled (503", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(3));
        Assert.That(File.ReadAllBytes(Local(ArchiveSamples.BookKey("20240205", 12))), Is.EqualTo(real));
        Assert.That(report.ExitCode, Is.Zero);
    }

    [Test]
    public async Task Throttling_BeyondTheRetries_FailsTheRunWithTheServersWords()
    {
        await _s3.PutAsync(ArchiveKind.MarketBucket, ArchiveSamples.BookKey("20240206", 12), ArchiveSamples.RealHour());
        _gate.ThrottleNext(10);

        var e = Assert.ThrowsAsync<ArchiveAccessException>(() => Fetch(Selection("2024-02-06", "12"), retries: 2));

        Assert.That(e!.Message, Does.Contain(": 503 ").And.Contain("after 3 attempts"));
        _gate.ThrottleNext(0);
    }

    [Test]
    public async Task PartFile_IsResumedWithARangedGet_FromItsLength()
    {
        var real = ArchiveSamples.RealHour();
        var key = ArchiveSamples.BookKey("20240207", 12);
        await _s3.PutAsync(ArchiveKind.MarketBucket, key, real);
        var etag = (await _s3.Client.GetObjectMetadataAsync(ArchiveKind.MarketBucket, key)).ETag;
        Directory.CreateDirectory(Path.GetDirectoryName(Local(key))!);
        File.WriteAllBytes(PartFile.PathFor(Local(key), etag), real[..100_000]);

        var report = await Fetch(Selection("2024-02-07", "12"));

        var done = report.Of(OutcomeKind.Downloaded).Single();
        Assert.That(done.ResumedFrom, Is.EqualTo(100_000));
        Assert.That(report.BytesTransferred, Is.EqualTo(real.Length - 100_000));
        Assert.That(_gate.Requests.Where(r => r.Path.EndsWith(key, StringComparison.Ordinal) && r.Method == "GET").Select(r => r.Range), Is.EqualTo(new[] { $"bytes=100000-{real.Length - 1}" }));
        Assert.That(File.ReadAllBytes(Local(key)), Is.EqualTo(real));
    }

    [Test]
    public async Task PartFile_WithWrongBytes_IsCaughtByTheMd5_AndDownloadedAgain()
    {
        var real = ArchiveSamples.RealHour();
        var key = ArchiveSamples.BookKey("20240208", 12);
        await _s3.PutAsync(ArchiveKind.MarketBucket, key, real);
        var etag = (await _s3.Client.GetObjectMetadataAsync(ArchiveKind.MarketBucket, key)).ETag;
        Directory.CreateDirectory(Path.GetDirectoryName(Local(key))!);
        File.WriteAllBytes(PartFile.PathFor(Local(key), etag), new byte[50_000]);

        var report = await Fetch(Selection("2024-02-08", "12"));

        Assert.That(report.Of(OutcomeKind.Downloaded).Single().Verified, Is.EqualTo(PartState.Md5Verified));
        Assert.That(report.Retries, Is.EqualTo(1));
        Assert.That(File.ReadAllBytes(Local(key)), Is.EqualTo(real));
    }

    [Test]
    public async Task PartFile_OfAnOlderVersion_IsDiscarded()
    {
        var real = ArchiveSamples.RealHour();
        var key = ArchiveSamples.BookKey("20240209", 12);
        await _s3.PutAsync(ArchiveKind.MarketBucket, key, real);
        Directory.CreateDirectory(Path.GetDirectoryName(Local(key))!);
        var stale = PartFile.PathFor(Local(key), "\"00000000000000000000000000000000\"");
        File.WriteAllBytes(stale, real[..1000]);

        var report = await Fetch(Selection("2024-02-09", "12"));

        Assert.That(report.Of(OutcomeKind.Downloaded).Single().ResumedFrom, Is.Zero);
        Assert.That(File.Exists(stale), Is.False);
        Assert.That(File.ReadAllBytes(Local(key)), Is.EqualTo(real));
    }

    [Test]
    public async Task DryRun_ListsEachFileAndItsSize_WithTheCost_AndWritesNothing()
    {
        var pieces = ArchiveSamples.Split(2);
        await _s3.PutAsync(ArchiveKind.MarketBucket, ArchiveSamples.BookKey("20240210", 0), pieces[0]);
        await _s3.PutAsync(ArchiveKind.MarketBucket, ArchiveSamples.BookKey("20240210", 1), pieces[1]);

        var report = await Fetch(Selection("2024-02-10", "0-2"), dryRun: true);

        Assert.That(report.Of(OutcomeKind.Planned).Select(o => o.Size), Is.EqualTo(pieces.Select(p => (long)p.Length)));
        Assert.That(report.Of(OutcomeKind.Missing).Count(), Is.EqualTo(1));
        Assert.That(report.Requests, Is.EqualTo(3), "a HEAD per wanted file, no GET");
        var lines = report.Lines(TransferCost.DefaultPricePerGb).ToList();
        Assert.That(lines.Count(l => l.StartsWith("would fetch s3://hyperliquid-archive/market_data/20240210/", StringComparison.Ordinal)), Is.EqualTo(2));
        var total = pieces.Sum(p => (long)p.Length);
        Assert.That(lines, Has.Some.StartWith($"dry run: 2 files to fetch, {total:N0} bytes"));
        Assert.That(lines, Has.Some.Contains($"transfer cost ≈ {TransferCost.Format(TransferCost.Estimate(total, 2, TransferCost.DefaultPricePerGb))} at $0.09/GB"));
        Assert.That(Directory.EnumerateFiles(_out, "*", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public async Task AssetCtxs_DayFile_IsFetched_AndReadsAsAFundingSeries()
    {
        var csv = "time,coin,funding,open_interest,prev_day_px,day_ntl_vlm,premium,oracle_px,mark_px,mid_px,impact_bid_px,impact_ask_px\n"
                  + "2024-02-11T00:00:00Z,BTC,0.0000125,1.0,42000,1,0.0001,42500.5,42501,42500,42499,42502\n"
                  + "2024-02-11T00:00:00Z,ETH,0.00002,1.0,2300,1,0.0001,2300.1,2300,2300,2299,2301\n"
                  + "2024-02-11T00:01:00Z,BTC,-0.0000031,1.0,42000,1,,42510,42511,,,\n";
        await _s3.PutAsync(ArchiveKind.MarketBucket, "asset_ctxs/20240211.csv.lz4", ArchiveSamples.Lz4(csv));

        var report = await Fetch(new ArchiveSelection(ArchiveKind.AssetCtxs, [], new DateOnly(2024, 2, 11), new DateOnly(2024, 2, 11), ArchiveSelection.AllHours));

        Assert.That(report.Of(OutcomeKind.Downloaded).Single().Key, Is.EqualTo("asset_ctxs/20240211.csv.lz4"));
        var funding = Replay.Data.FundingSeries.Load(ArchiveConverter.AssetCtxFiles(_out), "BTC", _log.Add);
        Assert.That(funding.Points.Select(p => (p.TimeMs, p.Rate, p.OraclePx)), Is.EqualTo(new[]
        {
            (1707609600000L, 0.0000125m, 42500.5m),
            (1707609660000L, -0.0000031m, 42510m),
        }));
    }

    [Test]
    public async Task FetchedHours_ConvertToTickTables_ThatTheBacktestReplays_AsTheRealFileWould()
    {
        var pieces = ArchiveSamples.Split(3);
        for (var h = 0; h < 3; h++) await _s3.PutAsync(ArchiveKind.MarketBucket, ArchiveSamples.BookKey("20240212", 9 + h), pieces[h]);
        await Fetch(Selection("2024-02-12", "9-11"));
        var tables = Path.Combine(_out, "tables");

        var converted = await ArchiveConverter.ConvertAsync(_out, tables, "BTC", strict: true, _log.Add, CancellationToken.None);

        Assert.That(converted.BookFiles, Is.EqualTo(3));
        Assert.That(converted.BookRows, Is.EqualTo(ArchiveSamples.RealHourLines), "every snapshot of the real hour, once");
        var direct = await Replay.Data.TickLoader.LoadAsync([SharedData.PathOf(ArchiveSamples.RealHourRelative)], "BTC", true, _ => { });
        var fromTables = await Replay.Data.TickLoader.LoadAsync([tables], "BTC", true, _ => { });
        Assert.That((fromTables.Tape.Count, fromTables.Tape.FirstTimeMs, fromTables.Tape.LastTimeMs), Is.EqualTo((direct.Tape.Count, direct.Tape.FirstTimeMs, direct.Tape.LastTimeMs)));
        var result = Replay.Driver.Backtest.Run(fromTables.Tape, new Replay.Driver.BacktestOptions { Asset = Replay.Driver.KnownAssets.Find("BTC") });
        Assert.That(result.EventsPublished, Is.GreaterThanOrEqualTo(ArchiveSamples.RealHourLines));
    }

    private async Task<FetchReport> Fetch(ArchiveSelection selection, int retries = 6, bool dryRun = false, AWSCredentials? credentials = null)
    {
        using var client = new ArchiveConnection(_gate.Endpoint.ToString(), "us-east-1").CreateClient(credentials ?? new BasicAWSCredentials(S3rver.AccessKey, S3rver.SecretKey));
        var options = new FetchOptions { OutputDirectory = _out, Parallelism = 4, Retries = retries, RetryBase = TimeSpan.FromMilliseconds(5), DryRun = dryRun };
        var fetcher = new ArchiveFetcher(new ArchiveStore(client), options, new FetchProgress(), line =>
        {
            lock (_log) _log.Add(line);
        });
        return await fetcher.RunAsync(selection.Objects(), CancellationToken.None);
    }

    private static ArchiveSelection Selection(string day, string hours) =>
        new(ArchiveKind.L2Book, ["BTC"], DateOnly.Parse(day), DateOnly.Parse(day), ArchiveSelection.ParseHours(hours));

    private string Local(string key) => ArchiveObject.LocalPath(_out, key);

    private IEnumerable<string> PartFiles() => Directory.EnumerateFiles(_out, "*", SearchOption.AllDirectories).Where(PartFile.IsPart);

    private string Log(FetchReport report) => string.Join('\n', _log.Concat(report.Lines(TransferCost.DefaultPricePerGb)));
}
