using System.Text.RegularExpressions;
using HlScalper.LocalExchange;

namespace HlScalper.Live.Tests;

/// <summary><c>hlscalper live</c> in process: usage and config errors, a bounded run against the local exchange, and a restart that adopts the position it left.</summary>
[NonParallelizable]
public class LiveCommandTests
{
    /// <summary>A throwaway key (never funded anywhere): the local exchange opens a paper account for it.</summary>
    private const string Key = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    private string _dir = null!;
    private string _env = null!;

    [SetUp]
    public void CreateEnvFile()
    {
        _dir = Directory.CreateTempSubdirectory("live-cli-").FullName;
        _env = Path.Combine(_dir, ".env");
        File.WriteAllText(_env, $"HL_PK={Key}\n");
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task Usage_and_config_errors_exit_with_2_or_1_and_say_what_is_wrong()
    {
        var noCoin = await CliRun.Run("live", "--api", "http://127.0.0.1:1", "--ws", "ws://127.0.0.1:1/ws");
        var badKey = await CliRun.Run("live", "--api", "http://127.0.0.1:1", "--ws", "ws://127.0.0.1:1/ws", "--coin", "BTC", "--set", "imbalanse=0.7");
        var halfEndpoints = await CliRun.Run("live", "--api", "http://127.0.0.1:1", "--coin", "BTC");
        var missingConfig = await CliRun.Run("live", "--api", "http://127.0.0.1:1", "--ws", "ws://127.0.0.1:1/ws", "--coin", "BTC", "--config", Path.Combine(_dir, "none.toml"));
        var badDuration = await CliRun.Run("live", "--testnet", "--coin", "BTC", "--duration", "soon");
        Assert.Multiple(() =>
        {
            Assert.That(noCoin.Code, Is.EqualTo(2));
            Assert.That(noCoin.Err, Does.Contain("--coin"));
            Assert.That(badKey.Code, Is.EqualTo(2));
            Assert.That(badKey.Err, Does.Contain("'imbalanse'"));
            Assert.That(halfEndpoints.Code, Is.EqualTo(2));
            Assert.That(halfEndpoints.Err, Does.Contain("--api and --ws go together"));
            Assert.That(missingConfig.Code, Is.EqualTo(1));
            Assert.That(missingConfig.Err, Does.Contain("none.toml"));
            Assert.That(badDuration.Code, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Help_lists_every_setting()
    {
        var (code, output, _) = await CliRun.Run("live", "--help");
        Assert.That(code, Is.Zero);
        foreach (var key in HlScalper.Engine.Strategy.EngineConfig.Settings.Select(s => s.Key).Concat(HlScalper.Live.Config.RuntimeSettings.Keys.Select(k => k.Key)))
            Assert.That(output, Does.Contain(key));
    }

    [Test]
    public async Task A_bounded_run_trades_against_the_local_exchange_and_leaves_nothing_working()
    {
        await using var sim = await SimHarness.StartAsync(new LocalExchangeOptions { Speed = 4 });
        var (code, output, err) = await CliRun.Run(Live(sim, "--duration", "12s", "--flatten-on-exit", "--set", "prior_n=1000000"));

        var summary = Summary(output);
        var state = await sim.StateAsync();
        var account = state.GetProperty("accounts")[0];
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, err);
            Assert.That(output, Does.Contain("evt=recovered"));
            Assert.That(summary["orders"], Is.GreaterThan(0), output);
            Assert.That(summary["acks"], Is.GreaterThan(0));
            Assert.That(Regex.Matches(output, @"evt=order ").Count, Is.EqualTo((int)summary["orders"]), "one line per order sent");
            Assert.That(account.GetProperty("openOrders").GetArrayLength(), Is.Zero, "cancelled on exit");
            Assert.That(account.GetProperty("position").GetArrayLength(), Is.Zero, "flattened on exit");
        });
    }

    [Test]
    public async Task A_restart_adopts_the_position_the_last_run_left_and_enters_nothing_beside_it()
    {
        await using var sim = await SimHarness.StartAsync(new LocalExchangeOptions { Speed = 4 });
        // A far take-profit and no timeout: once in, the position stays open.
        string[] holding = ["--set", "prior_n=1000000", "--set", "tp_ticks=200", "--set", "timeout_s=3600", "--set", "adverse_ticks=1000"];
        using (var stopFirst = new CancellationTokenSource())
        {
            var (run, _) = CliRun.Start(stopFirst.Token, Live(sim, holding));
            await Eventually.Until(() => HasPosition(sim), "the first run opens a position", 60_000);
            await stopFirst.CancelAsync();
            Assert.That((await run).Code, Is.Zero);
        }

        var (code, output, err) = await CliRun.Run(Live(sim, [.. holding, "--duration", "6s"]));
        var orders = output.Split('\n').Where(l => l.Contains("evt=order ")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, err);
            Assert.That(output, Does.Contain("evt=adopt kind=position"));
            Assert.That(orders, Is.Not.Empty, "a take-profit for the adopted position");
            Assert.That(orders, Has.All.Contains(" ro=1 "), $"nothing but reduce-only orders beside the adopted position:\n{output}");
        });
    }

    [Test]
    public async Task A_dropped_socket_is_reconnected_resynced_and_trading_goes_on_without_rejects()
    {
        await using var sim = await SimHarness.StartAsync(new LocalExchangeOptions { Speed = 4 });
        using var stop = new CancellationTokenSource();
        var (run, outSoFar) = CliRun.Start(stop.Token, Live(sim, "--set", "prior_n=1000000"));
        await Eventually.Until(() => outSoFar().Contains("evt=ack "), "a first order acknowledged", 60_000);

        await sim.AdminAsync("/sim/kick");
        await Eventually.Until(() => outSoFar().Contains("evt=resynced"), "the resync after the reconnect", 60_000);
        var afterResync = () => outSoFar()[outSoFar().IndexOf("evt=resynced", StringComparison.Ordinal)..];
        await Eventually.Until(() => afterResync().Contains("evt=ack "), "an order acknowledged on the new socket", 60_000);
        await stop.CancelAsync();
        var (code, output, err) = await run;

        var state = await sim.StateAsync();
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, err);
            Assert.That(output, Does.Contain("evt=reconnect"));
            Assert.That(output, Does.Contain(" local_rejects=0 "), "nothing refused locally: the new socket was attached before the engine heard of the reset");
            // The market's doing, not the client's: a post-only entry crossed while in flight, a cancel that met a fill.
            Assert.That(state.GetProperty("counters").GetProperty("rejectsByReason").EnumerateObject().Select(r => r.Name)
                    .Where(r => !r.StartsWith("Post only", StringComparison.Ordinal) && r != "Order was never placed, already canceled, or filled."),
                Is.Empty, "the exchange refused nothing the client caused");
            Assert.That(state.GetProperty("accounts")[0].GetProperty("openOrders").GetArrayLength(), Is.Zero, "cancelled on exit");
        });
    }

    private string[] Live(SimHarness sim, params string[] extra) =>
        ["live", "--api", sim.Server.HttpUri.ToString(), "--ws", sim.Server.WebSocketUri.ToString(), "--coin", "BTC", "--env", _env, "--wait", "blocking", .. extra];

    private static bool HasPosition(SimHarness sim)
    {
        var state = sim.StateAsync().GetAwaiter().GetResult();
        var accounts = state.GetProperty("accounts");
        return accounts.GetArrayLength() > 0 && accounts[0].GetProperty("position").GetArrayLength() > 0;
    }

    private static Dictionary<string, double> Summary(string output)
    {
        var line = output.Split('\n').Single(l => l.StartsWith("summary: ", StringComparison.Ordinal));
        return Regex.Matches(line, @"(\w+)=(-?[\d.]+)").ToDictionary(m => m.Groups[1].Value, m => double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
