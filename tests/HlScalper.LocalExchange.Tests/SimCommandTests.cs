using System.Text.Json;
using System.Text.RegularExpressions;

namespace HlScalper.LocalExchange.Tests;

/// <summary><c>hlscalper sim</c> as a user runs it: the listening line, a working exchange behind it, a clean stop with final counters; usage errors.</summary>
public partial class SimCommandTests
{
    [GeneratedRegex(@"^sim: listening on http://127\.0\.0\.1:(\d+) ws ws://127\.0\.0\.1:(\d+)/ws$", RegexOptions.Multiline)]
    private static partial Regex ListeningLine();

    [Test]
    public async Task The_verb_prints_the_listening_line_serves_and_stops_cleanly_on_cancellation()
    {
        using var stop = new CancellationTokenSource();
        var (run, outSoFar) = CliRun.Start(stop.Token, "sim", "--port", "0", "--minutes", "5", "--speed", "2");
        await Eventually.Until(() => ListeningLine().IsMatch(outSoFar()) || run.IsCompleted, "the listening line");
        var match = ListeningLine().Match(outSoFar());
        Assert.That(match.Success, Is.True, outSoFar());
        Assert.That(match.Groups[2].Value, Is.EqualTo(match.Groups[1].Value));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{match.Groups[1].Value}") };
        var state = JsonDocument.Parse(await http.GetStringAsync("/sim/state")).RootElement;
        Assert.That(state.GetProperty("counters").GetProperty("orders").GetInt32(), Is.Zero);

        await stop.CancelAsync();
        var (code, stdout, stderr) = await run;

        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("sim: stopped; orders=0 acks=0 fills=0 cancels=0 rejects=0"));
        Assert.That(ListeningLine().Matches(stdout), Has.Count.EqualTo(1), "exactly one listening line");
        Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync("/sim/state"), "the port is closed after the stop");
    }

    [TestCase("--speed", "0", "--speed must be above 0")]
    [TestCase("--account", "0x12", "--account '0x12': expected 0xADDR")]
    [TestCase("--reject-share", "1.5", "--reject-share must be between 0 and 1")]
    [TestCase("--stall-every", "5", "--stall-every and --stall-ms go together")]
    [TestCase("--bogus", "1", "'--bogus'")]
    public async Task Bad_options_are_usage_errors(string option, string value, string message)
    {
        var (code, _, stderr) = await CliRun.Run("sim", option, value);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(message));
    }

    [Test]
    public async Task Help_lists_the_admin_endpoints_and_the_fault_flags()
    {
        var (code, stdout, _) = await CliRun.Run("sim", "--help");

        Assert.That(code, Is.EqualTo(0));
        Assert.That(stdout, Does.Contain("POST /sim/kick").And.Contain("GET  /sim/state").And.Contain("--reject-share").And.Contain("--stall-every").And.Contain("sim: listening on"));
    }
}
