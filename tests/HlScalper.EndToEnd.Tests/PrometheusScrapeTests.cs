using System.Globalization;
using System.Text.RegularExpressions;

namespace HlScalper.EndToEnd.Tests;

/// <summary>
/// A real Prometheus (Debian's package) scrapes <c>live --metrics-port</c> trading against <c>sim --metrics-port</c>, both real
/// processes on loopback; its query API must hold the values the run's summary lines print.
/// </summary>
[Platform("Linux")]
[Category("EndToEnd")]
public sealed partial class PrometheusScrapeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Prometheus_scraping_live_against_sim_holds_the_summary_lines_final_counts_pnl_and_latency_samples()
    {
        var binary = PrometheusServer.Binary();
        if (binary is null)
            Assert.Ignore("Debian's prometheus is not on PATH (.ci/run installs it with apt-get when run as root): the real-scrape test needs it");

        using var sim = await SimProcess.Start("--speed", "4", "--metrics-port", "0");
        var simMetrics = await MetricsAddress.Of(sim.Process);
        using var live = LiveProcess.Start(sim, "live", [.. LiveProcess.Trading, "--duration", "20s", "--metrics-port", "0", "--metrics-linger", "30"]);
        var liveMetrics = await MetricsAddress.Of(live);
        using var prometheus = await PrometheusServer.Start(binary!, ("live", liveMetrics), ("sim", simMetrics));

        Assert.That(await live.WaitForExit(TimeSpan.FromSeconds(120)), Is.Zero, live.Tail());
        Assert.That(live.Lines.Where(l => l.Contains("no scrape of the final metrics", StringComparison.Ordinal)), Is.Empty, "live lingered until Prometheus read its final values");
        var summary = await LiveProcess.Summary(live);
        var samples = double.Parse((await live.WaitForLine(TickToTradeSamples(), Patience)).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.That(summary["orders"], Is.GreaterThan(0), "the run traded: " + live.Tail());

        // The scrape that read the final values is answered before live exits; Prometheus stores it a moment later.
        async Task<double> Last(string metric) => await prometheus.Scalar($"sum(last_over_time({metric}{{job=\"live\"}}[10m]))") ?? 0;
        await Eventually.Until(async () => await Last("hlscalper_orders_total") == summary["orders"] && await Last("hlscalper_tick_to_trade_seconds_count") == samples,
            "Prometheus to store the final scrape (orders and tick-to-trade samples as the summary gives them)", TimeSpan.FromSeconds(30), () => live.Tail());

        var sumSeconds = await Last("hlscalper_tick_to_trade_seconds_sum");
        var simUp = await prometheus.Scalar("max_over_time(up{job=\"sim\"}[10m])");
        var simEvents = await prometheus.Scalar("max_over_time(hlscalper_sim_market_events_total[10m])");
        var simOrders = await prometheus.Scalar("max_over_time(hlscalper_sim_orders_total[10m])");
        Assert.Multiple(async () =>
        {
            Assert.That(await Last("hlscalper_orders_total"), Is.EqualTo(summary["orders"]), "orders");
            Assert.That(await Last("hlscalper_acks_total"), Is.EqualTo(summary["acks"]), "acks");
            Assert.That(await Last("hlscalper_fills_total"), Is.EqualTo(summary["fills"]), "fills");
            Assert.That(await Last("hlscalper_cancels_total"), Is.EqualTo(summary["cancels"]), "cancels");
            Assert.That(await Last("hlscalper_rejects_total"), Is.EqualTo(summary["rejects"]), "rejects, summed over reasons");
            Assert.That(await Last("hlscalper_pnl_usd"), Is.EqualTo(summary["pnl"]).Within(0.00005), "pnl (the summary rounds to 4 decimals)");
            Assert.That(await Last("hlscalper_tick_to_trade_seconds_count"), Is.EqualTo(samples), "tick-to-trade samples");
            Assert.That(sumSeconds / samples * 1e6, Is.InRange(summary["ticktotrade_p50_us"] / 100, Math.Max(summary["ticktotrade_p99_us"], 1) * 10), "mean tick-to-trade near the summary's percentiles");
            Assert.That(simUp, Is.EqualTo(1), "the sim was scraped");
            Assert.That(simEvents, Is.GreaterThan(0), "the sim's market events");
            Assert.That(simOrders, Is.GreaterThan(0), "the sim's orders received");
        });
    }

    [GeneratedRegex(@"^account: .*ticktotrade_samples=(\d+)")]
    private static partial Regex TickToTradeSamples();
}
