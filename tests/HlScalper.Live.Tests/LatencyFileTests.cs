using System.Globalization;
using System.Text.RegularExpressions;
using HlScalper.LocalExchange;

namespace HlScalper.Live.Tests;

/// <summary><c>live --latency-file</c> against the local exchange, and <c>backtest --latency-file</c> replaying what it wrote.</summary>
[NonParallelizable]
public class LatencyFileTests
{
    /// <summary>A throwaway key (never funded anywhere): the local exchange opens a paper account for it.</summary>
    private const string Key = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    [Test]
    public async Task A_live_run_writes_one_row_per_answered_order_and_a_back_test_replays_those_latencies_deterministically()
    {
        using var dir = new TempDirectory();
        var env = dir.File(".env");
        await File.WriteAllTextAsync(env, $"HL_PK={Key}\n");
        var latencies = dir.File("latency.csv");
        await using (var sim = await SimHarness.StartAsync(new LocalExchangeOptions { Speed = 4 }))
        {
            var live = await CliRun.Run("live", "--api", sim.Server.HttpUri.ToString(), "--ws", sim.Server.WebSocketUri.ToString(), "--coin", "BTC", "--env", env,
                "--wait", "blocking", "--duration", "12s", "--set", "prior_n=1000000", "--latency-file", latencies);
            Assert.That(live.Code, Is.Zero, live.Err);

            var sent = Regex.Matches(live.Out, @"evt=order .*?cloid=(0x[0-9a-f]{32})").Select(m => m.Groups[1].Value).ToHashSet();
            var lines = await File.ReadAllLinesAsync(latencies);
            Assert.That(lines[0], Is.EqualTo("cloid,oid,send_us,exchange_ms,ack_us,entry_ms,response_ms,answers"));
            var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(sent, Is.Not.Empty, live.Out);
                Assert.That(rows, Has.Count.GreaterThan(0).And.Count.LessThanOrEqualTo(sent.Count), "one row per order, for the orders answered");
                Assert.That(rows.Select(r => r[0]), Is.Unique.And.All.Matches<string>(sent.Contains), "each row an order this run sent");
                Assert.That(rows.Select(r => long.Parse(r[1], CultureInfo.InvariantCulture)), Is.All.GreaterThan(0), "the exchange's oid");
                Assert.That(rows, Is.All.Matches<string[]>(r => long.Parse(r[2], CultureInfo.InvariantCulture) <= long.Parse(r[4], CultureInfo.InvariantCulture)), "sent before acked");
                Assert.That(rows.Count(r => r[7] == "2"), Is.GreaterThan(0), "answered by the post and the orderUpdates stream");
            });
        }

        // The file as the back-test's latency model: entry = exchange − send, response = ack − exchange, to the ms, ≥ 0.
        var parts = File.ReadAllLines(latencies).Skip(1).Select(l => l.Split(',').Select((c, i) => i is >= 2 and <= 4 ? long.Parse(c, CultureInfo.InvariantCulture) : 0).ToArray()).ToList();
        long Ms(double us) => Math.Max(0, (long)Math.Round(us / 1000.0, MidpointRounding.AwayFromZero));
        var entry = parts.Select(p => Ms(p[3] * 1000 - p[2])).Order().ToList();
        var response = parts.Select(p => Ms(p[4] - p[3] * 1000)).Order().ToList();
        var expected = $"recorded in latency.csv ({parts.Count} orders: entry p50 {entry[entry.Count / 2]} ms [{entry[0]}, {entry[^1]}], response p50 {response[response.Count / 2]} ms [{response[0]}, {response[^1]}])";

        string[] backtest = ["backtest", "--minutes", "10", "--set", "prior_n=100000", "--break-even", "none", "--latency-file", latencies];
        var first = await CliRun.Run([.. backtest, "--out", dir.File("a")]);
        var second = await CliRun.Run([.. backtest, "--out", dir.File("b")]);
        Assert.That(first.Code, Is.Zero, first.Err);
        Assert.That(second.Code, Is.Zero, second.Err);
        Assert.That(first.Out, Does.Contain(expected));
        Assert.That(File.ReadAllBytes(dir.File("b/summary.parquet")), Is.EqualTo(File.ReadAllBytes(dir.File("a/summary.parquet"))));
        Assert.That(File.ReadAllBytes(dir.File("b/trades.parquet")), Is.EqualTo(File.ReadAllBytes(dir.File("a/trades.parquet"))));

        var conflict = await CliRun.Run([.. backtest, "--latency-ms", "5", "--out", dir.File("c")]);
        Assert.That(conflict.Code, Is.EqualTo(2));
        Assert.That(conflict.Err, Does.Contain("--latency-file replaces latency_ms"));
    }
}
