using System.Text.Json;
using System.Text.RegularExpressions;

namespace HlScalper.EndToEnd.Tests;

/// <summary>The Grafana dashboard (<c>ops/grafana/hlscalper.json</c>) against real scrapes of <c>live</c> and <c>sim</c>: no panel may query a metric that does not exist.</summary>
[Platform("Linux")]
[Category("EndToEnd")]
public sealed partial class DashboardTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Every_metric_the_dashboard_queries_is_in_a_scrape_of_live_and_sim_after_rejects_and_an_alarm()
    {
        var queried = DashboardMetrics();
        Assert.That(queried, Has.Count.GreaterThanOrEqualTo(20), "the dashboard's queries were read");

        using var dir = new TempDirectory();
        var killSwitch = dir.File("kill");
        // Rejects and an alarm make the labelled series (rejects by reason, alarms by kind) appear, as they would in production.
        using var sim = await SimProcess.Start("--speed", "4", "--metrics-port", "0", "--reject-share", "0.5");
        var simMetrics = await MetricsAddress.Of(sim.Process);
        using var live = LiveProcess.Start(sim, "live", [.. LiveProcess.Trading, "--metrics-port", "0", "--kill-switch", killSwitch]);
        var liveMetrics = await MetricsAddress.Of(live);
        await live.WaitForLine(Reject(), Patience);
        await File.WriteAllTextAsync(killSwitch, "");
        await live.WaitForLine(KillSwitchAlarm(), Patience);

        using var http = new HttpClient();
        var scraped = Names(await http.GetStringAsync(liveMetrics));
        scraped.UnionWith(Names(await http.GetStringAsync(simMetrics)));
        live.Signal(CliProcess.SigTerm);
        Assert.That(await live.WaitForExit(Patience), Is.Zero, live.Tail());

        Assert.That(queried.Where(m => !scraped.Contains(m)), Is.Empty, $"queried but not scraped; scraped: {string.Join(' ', scraped.Order())}");
    }

    /// <summary>Every <c>hlscalper_*</c> metric named in a panel's query.</summary>
    private static HashSet<string> DashboardMetrics()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "ops", "grafana", "hlscalper.json")));
        var names = new HashSet<string>();
        foreach (var panel in doc.RootElement.GetProperty("panels").EnumerateArray())
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
                foreach (Match m in MetricName().Matches(target.GetProperty("expr").GetString()!))
                    names.Add(m.Value);
        return names;
    }

    /// <summary>Sample names of a Prometheus text exposition (histograms as their _bucket, _sum and _count series).</summary>
    private static HashSet<string> Names(string exposition) =>
        [.. exposition.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => l[..l.IndexOfAny(['{', ' '])])];

    [GeneratedRegex(@"\bhlscalper_[a-z0-9_]+")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"\bevt=reject\b")]
    private static partial Regex Reject();

    [GeneratedRegex(@"\bevt=kill_switch\b")]
    private static partial Regex KillSwitchAlarm();
}
