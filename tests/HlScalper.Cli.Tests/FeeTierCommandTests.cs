namespace HlScalper.Cli.Tests;

/// <summary><c>backtest --fee-tier</c> and its break-even section, console and report.</summary>
public class FeeTierCommandTests
{
    [Test]
    public async Task A_fee_tier_sets_the_rates_and_the_break_even_section_prices_every_tier_at_every_take_profit()
    {
        using var dir = new TempDirectory();
        var run = await CliRun.Run("backtest", "--minutes", "10", "--set", "prior_n=1000000", "--fee-tier", "4+mm1", "--break-even", "2,12", "--out", dir.Path);
        Assert.That(run.Code, Is.Zero, run.Err);
        Assert.That(run.Out, Does.Contain("maker=-0.00001 taker=0.00028"));
        var lines = run.Out.Split('\n').Where(l => l.StartsWith("break-even tier ", StringComparison.Ordinal)).ToList();
        Assert.That(lines, Has.Count.EqualTo(10));
        Assert.That(lines[0], Does.StartWith("break-even tier 0 (maker 0.015 %, taker 0.045 %): this run "));
        var report = File.ReadAllText(dir.File("report.html"));
        Assert.That(report, Does.Contain("id=\"break-even\"").And.Contain("<th>tp 2</th><th>tp 12</th>").And.Contain("<td>6+mm3</td>"));
    }

    [TestCase("--fee-tier", "7")]
    [TestCase("--break-even", "0,2")]
    [TestCase("--break-even", "two")]
    public async Task A_bad_tier_or_ladder_is_a_usage_error_naming_the_option(string option, string value)
    {
        var run = await CliRun.Run("backtest", option, value);
        Assert.That(run.Code, Is.EqualTo(2));
        Assert.That(run.Err, Does.Contain(option));
    }

    [Test]
    public async Task No_break_even_section_with_none()
    {
        using var dir = new TempDirectory();
        var run = await CliRun.Run("backtest", "--minutes", "5", "--break-even", "none", "--out", dir.Path);
        Assert.That(run.Code, Is.Zero, run.Err);
        Assert.That(run.Out, Does.Not.Contain("break-even tier"));
        Assert.That(File.ReadAllText(dir.File("report.html")), Does.Not.Contain("id=\"break-even\""));
    }
}
