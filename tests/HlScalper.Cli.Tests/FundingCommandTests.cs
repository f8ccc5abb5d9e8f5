using System.Text.Json;
using HlScalper.Replay.Data;

namespace HlScalper.Cli.Tests;

/// <summary><c>hlscalper funding</c> against a real local /info server, and <c>backtest --funding</c> reading what it wrote.</summary>
public class FundingCommandTests
{
    private const long Hour = 3_600_000;
    private const long T0 = 1_735_689_600_000;

    /// <summary>Answers <c>fundingHistory</c> as the exchange does: up to 500 hourly rows from startTime (inclusive) to endTime, of 700 hours of BTC.</summary>
    private static (int, string) History(string body, int _)
    {
        using var request = JsonDocument.Parse(body);
        var root = request.RootElement;
        if (root.GetProperty("type").GetString() != "fundingHistory" || root.GetProperty("coin").GetString() != "BTC") return (200, "[]");
        var start = root.GetProperty("startTime").GetInt64();
        var end = root.GetProperty("endTime").GetInt64();
        var rows = Enumerable.Range(0, 700).Select(h => T0 + h * Hour + 3)
            .Where(t => t >= start && t <= end).Take(500)
            .Select(t => $$"""{"coin":"BTC","fundingRate":"0.0000{{(t - T0) / Hour % 90 + 10}}","premium":"-0.0001","time":{{t}}}""");
        return (200, "[" + string.Join(',', rows) + "]");
    }

    [Test]
    public async Task Funding_pages_through_the_history_into_parquet_and_a_backtest_reads_it()
    {
        await using var server = await TestInfoServer.StartAsync(History);
        using var dir = new TempDirectory();
        var file = dir.File("btc-funding.parquet");
        var run = await CliRun.Run("funding", "--coin", "BTC", "--start", T0.ToString(), "--end", (T0 + 800 * Hour).ToString(), "--url", server.BaseUri.ToString(), "--out", file);
        Assert.That(run.Code, Is.Zero, run.Err);
        Assert.That(run.Out, Does.Contain("funding: 700 hourly rates of BTC written to"));
        Assert.That(server.Requests, Has.Count.EqualTo(2), "a full page of 500, then the remaining 200");

        var series = await FundingTable.ReadAsync(file, "BTC");
        Assert.That(series.Points.Select(p => p.TimeMs), Is.EqualTo(Enumerable.Range(0, 700).Select(h => T0 + h * Hour + 3)));
        Assert.That(series.Points[5].Rate, Is.EqualTo(0.000015m), "the wire decimal, exact");

        var backtest = await CliRun.Run("backtest", "--minutes", "5", "--funding", file, "--break-even", "none", "--out", dir.File("bt"));
        Assert.That(backtest.Code, Is.Zero, backtest.Err);
        Assert.That(backtest.Out, Does.Contain("funding: 700 rates of BTC, 2025-01-01 00:00:00.003Z → ").And.Contain("funding_usd"));
    }

    [Test]
    public async Task A_server_error_writes_nothing_and_exits_1()
    {
        await using var server = await TestInfoServer.StartAsync((_, _) => (400, "bad request"));
        using var dir = new TempDirectory();
        var file = dir.File("f.parquet");
        var run = await CliRun.Run("funding", "--coin", "BTC", "--start", T0.ToString(), "--end", (T0 + Hour).ToString(), "--url", server.BaseUri.ToString(), "--out", file);
        Assert.That(run.Code, Is.EqualTo(1));
        Assert.That(run.Err, Does.Contain("nothing written"));
        Assert.That(File.Exists(file), Is.False);
    }

    [Test]
    public async Task A_funding_file_without_the_coin_is_a_data_error_naming_the_file()
    {
        using var dir = new TempDirectory();
        var file = dir.File("eth.parquet");
        await FundingTable.WriteAsync(file, [new FundingTable.Row(T0, "ETH", "0.00001", "0")]);
        var run = await CliRun.Run("backtest", "--minutes", "5", "--funding", file, "--out", dir.File("bt"));
        Assert.That(run.Code, Is.EqualTo(1));
        Assert.That(run.Err, Does.Contain(file).And.Contain("no funding rate of BTC"));
    }
}
