using CsCheck;
using HlScalper.Replay.Gate;

namespace HlScalper.Replay.Tests.Gate;

public sealed class GateHistoryTests
{
    [Test]
    public void Appended_results_read_back_oldest_first_with_the_header_written_once()
    {
        using var dir = new TempDirectory();
        var path = dir.File("history.csv");
        var first = new GateRecord(new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.Zero), 1.25, 140, "BTC.lz4 abc123");
        var second = new GateRecord(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero), -0.5, 90, "with, a comma");
        GateHistory.Append(path, first);
        GateHistory.Append(path, second);

        var read = GateHistory.ReadNewest(path, 7, w => Assert.Fail(w));
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadLines(path).Count(l => l == GateHistory.Header), Is.EqualTo(1));
            Assert.That(read, Is.EqualTo(new[] { first, second with { Source = "with; a comma" } }));
        });
    }

    [Test]
    public void Unreadable_lines_are_reported_by_number_and_skipped_and_the_good_ones_around_them_kept()
    {
        using var dir = new TempDirectory();
        var path = dir.File("history.csv");
        File.WriteAllLines(path, [GateHistory.Header, "2026-11-01T02:00:00Z,1.0,100,a", "garbage", "2026-11-02T02:00:00Z,NaN,100,b",
            "2026-11-03T02:00:00Z,1.5,-3,c", "not-a-date,1.0,100,d", "2026-11-04T02:00:00Z,2.0,120,e"]);
        var warnings = new List<string>();

        var read = GateHistory.ReadNewest(path, 7, warnings.Add);
        Assert.Multiple(() =>
        {
            Assert.That(read.Select(r => r.Source), Is.EqualTo(new[] { "a", "e" }));
            Assert.That(warnings.Select(w => w.Split(':')[1]), Is.EqualTo(new[] { "3", "4", "5", "6" }), string.Join('\n', warnings));
        });
    }

    [Test]
    public void Only_the_newest_results_are_kept()
    {
        using var dir = new TempDirectory();
        var path = dir.File("history.csv");
        for (var day = 1; day <= 20; day++) GateHistory.Append(path, new GateRecord(new DateTimeOffset(2026, 11, day, 0, 0, 0, TimeSpan.Zero), day, 100, ""));
        Assert.That(GateHistory.ReadNewest(path, 7, _ => { }).Select(r => r.Sharpe), Is.EqualTo(new double[] { 14, 15, 16, 17, 18, 19, 20 }));
    }

    [Test]
    public void A_missing_file_is_an_empty_history() =>
        Assert.That(GateHistory.ReadNewest("/nonexistent/history.csv", 7, w => Assert.Fail(w)), Is.Empty);

    [Test]
    public void Any_text_reads_without_an_exception_and_keeps_at_most_the_window()
    {
        using var dir = new TempDirectory();
        var path = dir.File("history.csv");
        Gen.String.Array[0, 30].Sample(lines =>
        {
            File.WriteAllLines(path, lines);
            var read = GateHistory.ReadNewest(path, 7, _ => { });
            return read.Count <= 7 && read.All(r => double.IsFinite(r.Sharpe) && r.Trades >= 0);
        }, iter: 300);
    }
}
