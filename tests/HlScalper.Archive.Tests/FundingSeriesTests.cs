using System.Globalization;
using System.Text;
using CsCheck;
using HlScalper.Archive.Tests.Support;
using HlScalper.Replay.Data;

namespace HlScalper.Archive.Tests;

/// <summary>The asset_ctxs reader: any row order across files, both eras of the time format, hostile rows and files.</summary>
public sealed class FundingSeriesTests
{
    private const string Header = "time,coin,funding,open_interest,prev_day_px,day_ntl_vlm,premium,oracle_px,mark_px,mid_px,impact_bid_px,impact_ask_px";
    private string _dir = null!;
    private readonly List<string> _log = [];

    [SetUp]
    public void Create()
    {
        _dir = Directory.CreateTempSubdirectory("funding-").FullName;
        _log.Clear();
    }

    [TearDown]
    public void Remove() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void TryGet_IsTheLastRowAtOrBeforeTheTime_WithTheLaterFileWinningATie()
    {
        // Rows of two coins on a minute grid, spread over two files in any order; BTC's are the ones to find.
        var row = Gen.Select(Gen.Int[0, 120], Gen.Int[-50_000, 50_000], Gen.Bool, Gen.Int[0, 1]);
        row.Array[0, 80].Sample(rows =>
        {
            var files = new[] { new StringBuilder(Header + "\n"), new StringBuilder(Header + "\n") };
            var btc = new List<(long Ms, decimal Rate, int File, int Order)>();
            for (var i = 0; i < rows.Length; i++)
            {
                var (minute, rate, isBtc, file) = rows[i];
                var ms = 1_704_067_200_000L + minute * 60_000L;
                var value = rate / 100_000_000m;
                var time = DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                files[file].Append(CultureInfo.InvariantCulture, $"{time},{(isBtc ? "BTC" : "ETH")},{value},1,1,1,0,42000.5,1,1,1,1\n");
                if (isBtc) btc.Add((ms, value, file, i));
            }
            var paths = files.Select(f => Write($"{Guid.NewGuid():N}.csv", f.ToString())).ToList(); // Sample runs on several threads

            var series = FundingSeries.Load(paths, "BTC", _log.Add);

            Assert.That(series.Points.Select(p => p.TimeMs), Is.Ordered.Ascending.And.Unique);
            for (var minute = -1; minute <= 121; minute++)
            {
                var t = 1_704_067_200_000L + minute * 60_000L + 30_000;
                var expected = btc.Where(r => r.Ms <= t).OrderBy(r => r.Ms).ThenBy(r => r.File).ThenBy(r => r.Order).LastOrDefault();
                var found = series.TryGet(t, out var point);
                Assert.That(found, Is.EqualTo(expected != default));
                if (found) Assert.That((point.TimeMs, point.Rate, point.OraclePx), Is.EqualTo((expected.Ms, expected.Rate, 42000.5m)));
            }
        });
    }

    [Test]
    public void BothTimeFormats_AreUtc()
    {
        var path = Write("a.csv", Header + "\n2024-01-01T00:00:00Z,BTC,0.00002789,1,1,1,0,108.69,1,1,1,1\n2025-10-24 20:00:00.000,BTC,0.0000125,1,1,1,,110000,1,,,\n");

        var series = FundingSeries.Load([path], "BTC", _log.Add);

        Assert.That(series.Points.Select(p => p.TimeMs), Is.EqualTo(new[] { 1_704_067_200_000L, 1_761_336_000_000L }));
        Assert.That(series.Points[0].Rate, Is.EqualTo(0.00002789m));
    }

    [Test]
    public void ColumnsAreFoundByName_NotPosition()
    {
        var path = Write("a.csv", "coin,oracle_px,time,funding\nBTC,42000,2024-01-01T00:00:00Z,0.0001\n");

        var series = FundingSeries.Load([path], "BTC", _log.Add);

        Assert.That(series.Points.Single(), Is.EqualTo(new FundingPoint(1_704_067_200_000L, 0.0001m, 42000m)));
    }

    [Test]
    public void HostileRows_AreCountedAndSkipped_AndTheGoodOnesKept()
    {
        var good = "2024-01-01T00:00:00Z,BTC,0.0001,1,1,1,0,42000,1,1,1,1";
        var path = Write("a.csv", string.Join("\n",
            Header, good,
            "not,a,row", "2024-13-45T00:00:00Z,BTC,0.1,1,1,1,0,1,1,1,1,1", "2024-01-01T00:01:00Z,BTC,abc,1,1,1,0,1,1,1,1,1",
            "2024-01-01T00:02:00Z,BTC", "BTC", "", "\u0000\u0001\u0002", new string('9', 5000) + ",BTC,1",
            "2024-01-01T00:03:00Z,BTC,0.0002,1,1,1,0,oops,1,1,1,1",
            "2024-01-01T00:04:00Z,BTC,0.0003,1,1,1,0,42001,1,1,1,1\r") + "\n");

        var series = FundingSeries.Load([path], "BTC", _log.Add);

        Assert.That(series.Points.Select(p => p.Rate), Is.EqualTo(new[] { 0.0001m, 0.0003m }));
        Assert.That(series.BadLines, Is.EqualTo(5), "bad time, bad rate, too few fields, a 5,000-digit time, bad oracle price; rows of other or no coins are not counted");
    }

    [Test]
    public void AFileWithoutTheColumns_IsSkippedWithAMessage()
    {
        var path = Write("a.csv", "{\"time\":\"x\"}\n2024-01-01T00:00:00Z,BTC,0.0001\n");

        var series = FundingSeries.Load([path], "BTC", _log.Add);

        Assert.That(series.Points, Is.Empty);
        Assert.That(_log.Single(), Does.Contain("not an asset_ctxs file"));
    }

    [Test]
    public void ACorruptLz4File_KeepsTheRowsBeforeTheDamage()
    {
        var rows = Enumerable.Range(0, 20_000).Select(i =>
            $"{DateTimeOffset.FromUnixTimeMilliseconds(1_704_067_200_000L + i * 60_000L).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},BTC,0.0001,1,1,1,0,42000,1,1,1,1");
        var bytes = ArchiveSamples.Lz4(Header + "\n" + string.Join('\n', rows) + "\n");
        var path = Path.Combine(_dir, "a.csv.lz4");
        File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);

        var series = FundingSeries.Load([path], "BTC", _log.Add);

        Assert.That(series.Points.Count, Is.GreaterThan(0).And.LessThan(20_000));
        Assert.That(series.Points.Select(p => p.TimeMs), Is.Ordered.Ascending);
        Assert.That(_log.Single(), Does.Contain("corrupt after line").And.Contain("rows before it are kept"));
    }

    [Test]
    public void RandomBytes_NeverThrow()
    {
        Gen.Byte.Array[0, 4000].Sample(bytes =>
        {
            var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.csv");
            File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes(Header + "\n"), .. bytes]);
            var series = FundingSeries.Load([path], "BTC", _ => { });
            Assert.That(series.Points.Count, Is.LessThanOrEqualTo(bytes.Count(b => b == '\n') + 1));
        }, iter: 300);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
