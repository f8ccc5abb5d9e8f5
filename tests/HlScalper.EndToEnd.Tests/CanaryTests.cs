using System.Text.RegularExpressions;

namespace HlScalper.EndToEnd.Tests;

/// <summary><c>live --canary</c> against <c>sim</c>: the verdict in the log, the summary and the metrics.</summary>
[Platform("Linux")]
[Category("EndToEnd")]
public sealed partial class CanaryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task A_short_canary_run_is_undecided_with_the_engines_trade_count_in_log_summary_and_metrics()
    {
        using var sim = await SimProcess.Start("--speed", "4");
        using var live = LiveProcess.Start(sim, "live", [.. LiveProcess.Trading, "--canary", "--canary-fraction", "0.5", "--duration", "10s", "--metrics-port", "0", "--metrics-linger", "30"]);
        var metrics = await MetricsAddress.Of(live);
        var canary = await live.WaitForLine(CanaryLine(), Patience);
        // Live lingers after its summary until a scrape has read the final values: this one.
        using var http = new HttpClient();
        var final = await http.GetStringAsync(metrics);

        Assert.That(await live.WaitForExit(TimeSpan.FromSeconds(120)), Is.Zero, live.Tail());
        var engineTrades = (await live.WaitForLine(EngineTrades(), Patience)).Groups[1].Value;
        Assert.Multiple(() =>
        {
            Assert.That(canary.Groups[1].Value, Is.EqualTo("undecided"), "10 s cannot make the 100 trades a verdict needs");
            Assert.That(canary.Groups[2].Value, Is.EqualTo(engineTrades), "the verdict counts the engine's closed trades");
            Assert.That(live.Lines.Any(l => l.Contains("evt=canary_verdict verdict=undecided", StringComparison.Ordinal)), live.Tail());
            Assert.That(final, Does.Contain("hlscalper_canary_verdict{coin=\"BTC\"} 0"), "undecided is 0");
        });
    }

    [GeneratedRegex(@"^canary: verdict=(\w+) trades=(\d+) pnl=\S+ fraction=0.5 min_trades=100$")]
    private static partial Regex CanaryLine();

    [GeneratedRegex(@"^engine: .*\btrades=(\d+)")]
    private static partial Regex EngineTrades();
}
