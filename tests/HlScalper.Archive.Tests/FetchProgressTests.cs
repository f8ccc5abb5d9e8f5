namespace HlScalper.Archive.Tests;

/// <summary>The progress line's arithmetic: bytes, rate and ETA from the figures.</summary>
public sealed class FetchProgressTests
{
    [Test]
    public void Describe_GivesRateAndEta_FromBytesAndElapsedTime()
    {
        Assert.That(FetchProgress.Describe(1, 4, 50_000_000, 150_000_000, TimeSpan.FromSeconds(10)),
            Is.EqualTo("1/4 files, 50.0 MB of 150.0 MB, 5.0 MB/s, ETA 20.0 s"));
    }

    [Test]
    public void Describe_SaysDone_WhenNothingIsLeft_AndUnknown_BeforeAnyByte()
    {
        Assert.That(FetchProgress.Describe(4, 4, 2_000, 2_000, TimeSpan.FromSeconds(1)), Does.EndWith("2.0 kB/s, done"));
        Assert.That(FetchProgress.Describe(0, 4, 0, 2_000, TimeSpan.FromSeconds(1)), Does.EndWith("ETA unknown"));
    }

    [TestCase(999, "999 B")]
    [TestCase(309_355, "309.4 kB")]
    [TestCase(14_800_000, "14.8 MB")]
    [TestCase(2_500_000_000, "2.50 GB")]
    public void FormatBytes_UsesDecimalUnits(long bytes, string text) => Assert.That(FetchProgress.FormatBytes(bytes), Is.EqualTo(text));

    [TestCase(75, "1 min 15 s")]
    [TestCase(7_500, "2 h 05 min")]
    public void Duration_GrowsUnitsWithTheSpan(int seconds, string text) => Assert.That(FetchProgress.Duration(TimeSpan.FromSeconds(seconds)), Is.EqualTo(text));

    [Test]
    public void TransferCost_IsTheGigabytePricePlusTheRequests()
    {
        Assert.That(TransferCost.Estimate(1L << 30, 1_000, 0.09m), Is.EqualTo(0.0904m));
        Assert.That(TransferCost.Estimate(0, 0, 0.09m), Is.Zero);
        Assert.That(TransferCost.Format(TransferCost.Estimate(309_355, 1, 0.09m)), Is.EqualTo("$0.0000263298"));
        Assert.That(TransferCost.Format(12.345m), Is.EqualTo("$12.35"));
    }

    [Test]
    public async Task Display_WhenRedirected_EndsWithTheFinalFigures_OnTheirOwnLine()
    {
        var progress = new FetchProgress();
        var output = new StringWriter();
        await using (var display = new ProgressDisplay(output, progress, interactive: false))
        {
            progress.Start(3_000, 2);
            progress.AddBytes(3_000);
            progress.FileDone();
            progress.FileDone();
            display.WriteLine("a message");
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[^1], Does.StartWith("fetch: 2/2 files, 3.0 kB of 3.0 kB, ").And.EndWith(", done"));
        Assert.That(lines, Does.Contain("a message"));
        Assert.That(output.ToString(), Does.Not.Contain('\r'), "no carriage returns in a log file");
    }
}
