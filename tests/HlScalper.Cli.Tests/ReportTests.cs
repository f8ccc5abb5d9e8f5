using System.Text.RegularExpressions;
using Parquet;

namespace HlScalper.Cli.Tests;

/// <summary>Issue 15, "the report cannot be audited" and "the sweep example": report.html checked without a screenshot, against trades.parquet.</summary>
public partial class ReportTests
{
    private string _dir = null!;

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("cli-report-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    [GeneratedRegex("<tr class=\"trade\">(.*?)</tr>")]
    private static partial Regex TradeRow();

    [GeneratedRegex("<table id=\"(summary|strategy)\">(.*?)</table>", RegexOptions.Singleline)]
    private static partial Regex CounterTable();

    [GeneratedRegex("<tr><td>([a-z_]+)</td><td class=\"v\">([^<]*)</td><td>([^<]+)</td></tr>")]
    private static partial Regex CounterRow();

    [Test]
    public async Task The_report_has_one_row_per_trade_of_trades_parquet_the_parameters_used_and_every_counter_named_once_with_a_meaning()
    {
        var (code, _, error) = await CliRun.Run("backtest", "--minutes", "20", "--set", "prior_n=1000000", "--set", "tp_ticks=3", "--compare-fill", "--out", _dir);
        Assert.That(code, Is.Zero, error);
        var html = File.ReadAllText(Path.Combine(_dir, "report.html"));

        await using var reader = await ParquetReader.CreateAsync(Path.Combine(_dir, "trades.parquet"));
        using var group = reader.OpenRowGroupReader(0);
        var exitReasons = new string?[group.RowCount];
        await group.ReadAsync(reader.Schema.GetDataFields().Single(f => f.Name == "exit_reason"), exitReasons.AsMemory());
        var rows = TradeRow().Matches(html);
        var counters = CounterTable().Matches(html).SelectMany(t => CounterRow().Matches(t.Groups[2].Value)).ToList();
        var csv = File.ReadAllLines(Path.Combine(_dir, "trades.csv"));
        Assert.Multiple(() =>
        {
            Assert.That(exitReasons, Has.Length.GreaterThan(1), "pinned Kelly sizing trades more than once");
            Assert.That(rows, Has.Count.EqualTo(exitReasons.Length), "one table row per trade");
            for (var i = 0; i < rows.Count; i++) Assert.That(rows[i].Groups[1].Value, Does.EndWith($"<td>{exitReasons[i]}</td>"), $"row {i} is trade {i}");
            Assert.That(csv, Has.Length.EqualTo(exitReasons.Length + 1), "trades.csv: a header and the same rows");
            Assert.That(html, Does.Match("<tr class=\"changed\"><td>tp_ticks</td><td class=\"v\">3</td>"), "the parameter value used");
            Assert.That(html, Does.Contain("<td>imbalance</td><td class=\"v\">0.6</td>"), "defaults are listed too");
            Assert.That(html, Does.Contain("drawdown.png").And.Contain("id=\"exit-reasons\"").And.Contain("id=\"comparison\"").And.Contain("fill=touch"));
            Assert.That(counters.Select(c => c.Groups[1].Value), Is.Unique, "every counter named once");
            Assert.That(counters.Select(c => c.Groups[1].Value), Does.Contain("cancels").And.Contain("cancel_requests").And.Contain("maker_fills").And.Contain("taker_fills"));
            Assert.That(File.Exists(Path.Combine(_dir, "drawdown.png")), Is.True);
        });
    }

    [Test]
    public async Task Ratios_over_too_few_trades_are_shown_as_not_applicable()
    {
        var (code, output, error) = await CliRun.Run("backtest", "--minutes", "5", "--out", _dir);
        Assert.That(code, Is.Zero, error);
        var trades = int.Parse(Regex.Match(output, @"^trades\s+(\d+)$", RegexOptions.Multiline).Groups[1].Value);
        Assert.That(trades, Is.LessThan(30));
        Assert.That(output, Does.Match($@"sharpe\s+n/a \({trades} trades\)"));
        Assert.That(File.ReadAllText(Path.Combine(_dir, "report.html")), Does.Contain($"n/a ({trades} trades)"));
    }

    [Test]
    public async Task Sweep_prints_the_fee_note_backtest_prints_and_says_when_every_run_was_the_same()
    {
        var (code, output, error) = await CliRun.Run("sweep", "--minutes", "10", "--grid", "imbalance=0.55,0.6", "--out", _dir);
        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("note: the take-profit of 2 tick(s)").And.Contain("bps of maker fees"));
        Assert.That(error, Does.Contain("sweep: 2/2"), "progress on stderr");
        Assert.That(output, Does.Not.Contain("sweep: 2/2"), "never in the data output");
    }
}
