using System.Globalization;
using System.Text.RegularExpressions;

namespace HlScalper.EndToEnd.Tests;

/// <summary>
/// <c>hlscalper live</c> against <c>hlscalper sim</c>, both as real processes on loopback: trading, a kick, a
/// SIGKILL and restart, a frozen process and the equity stop. Every process is stopped by its own pid.
/// </summary>
[Platform("Linux")]
[Category("EndToEnd")]
public sealed partial class LiveAgainstSimTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>A take-profit and stops far enough away that a trade stays open across a restart.</summary>
    private static readonly string[] LongHold = ["--set", "tp_ticks=400", "--set", "timeout_s=600", "--set", "adverse_ticks=800"];

    /// <summary>Rejects the market causes, not the client: a post-only entry the touch crossed while it was in flight, a cancel that met its order's fill, an IOC exit the book ran away from.</summary>
    private static readonly Regex MarketRace = new("^(Post only order would have immediately matched|Order was never placed, already canceled, or filled|Order could not immediately match against any resting orders)");

    [Test]
    public async Task A_bounded_run_places_fills_and_exits_trades_with_no_client_caused_rejects()
    {
        using var sim = await SimProcess.Start("--speed", "4");
        using var live = LiveProcess.Start(sim, "live", [.. LiveProcess.Trading, "--duration", "30s", "--flatten-on-exit"]);

        Assert.That(await live.WaitForExit(TimeSpan.FromSeconds(120)), Is.Zero, live.Tail());
        var summary = await LiveProcess.Summary(live);
        var state = await sim.State();
        var account = SimAccount.Of(state, LiveProcess.Address);
        Assert.Multiple(() =>
        {
            Assert.That(summary["orders"], Is.GreaterThan(0), live.Tail());
            Assert.That(summary["acks"], Is.GreaterThan(0));
            Assert.That(summary["fills"], Is.GreaterThanOrEqualTo(2), "an entry and its exit");
            Assert.That(account.Fills, Is.GreaterThanOrEqualTo(2), "the sim saw the fills too");
            Assert.That(SimAccount.RejectReasons(state).Keys.Where(r => !MarketRace.IsMatch(r)), Is.Empty, "rejects the client caused\n" + live.Tail());
            Assert.That(account.OpenOrders, Is.Zero, "working orders cancelled on exit");
            Assert.That(account.Position, Is.Zero, "flattened on exit");
        });
    }

    [Test]
    public async Task A_kick_mid_run_is_survived_with_resubscribe_and_book_resync()
    {
        using var sim = await SimProcess.Start("--speed", "4");
        using var live = LiveProcess.Start(sim, "live", [.. LiveProcess.Trading]);
        await live.WaitForLine(LiveLogPatterns.OrderSent, Patience);

        await sim.Kick();
        var afterKick = live.Lines.Length;
        await live.WaitForLine(LiveLogPatterns.Reconnected, Patience, afterKick);
        await live.WaitForLine(LiveLogPatterns.Resynced, Patience, afterKick);
        // An entry needs a trusted book again: the reset after the reconnect is cleared only by a fresh snapshot.
        await live.WaitForLine(LiveLogPatterns.OrderSent, Patience, afterKick);
        await live.WaitForLine(LiveLogPatterns.Ack, Patience, afterKick);

        var state = await sim.State();
        Assert.Multiple(() =>
        {
            Assert.That(SimAccount.Counter(state, "kicks"), Is.EqualTo(1));
            Assert.That(SimAccount.Counter(state, "connections"), Is.EqualTo(1), "one socket again, not a leak of reconnects");
            Assert.That(SimAccount.RejectReasons(state).Keys.Where(r => !MarketRace.IsMatch(r)), Is.Empty, "rejects the client caused\n" + live.Tail());
        });
        live.Signal(CliProcess.SigTerm);
        Assert.That(await live.WaitForExit(Patience), Is.Zero, live.Tail());
    }

    [Test]
    public async Task Killing_the_live_process_and_restarting_it_recovers_orders_and_position_without_duplicates()
    {
        using var sim = await SimProcess.Start("--speed", "4");
        SimAccount killed;
        using (var first = LiveProcess.Start(sim, "live-1", [.. LiveProcess.Trading, .. LongHold]))
        {
            await AccountWhen(sim, a => a.Position != 0 && a.OpenOrders == 1 && a.OpenEntries == 0, "a position with its take-profit working", first);
            first.Signal(CliProcess.SigKill);
            await first.WaitForExit(Patience);
            killed = SimAccount.Of(await sim.State(), LiveProcess.Address);
        }

        // A warm-up longer than the dead-man's 9 s: the killed run's schedule falls inside this run's recovery or warm-up unless this run
        // takes the schedule over first, and firing there would cancel the take-profit it adopts (as it did, now and then, on a busy machine).
        using var second = LiveProcess.Start(sim, "live-2", [.. LiveProcess.Trading, .. LongHold, "--set", "warmup_s=10", "--flatten-on-exit", "--metrics-port", "0"]);
        var metrics = await MetricsAddress.Of(second);
        await second.WaitForLine(LiveLogPatterns.Recovered, Patience);
        // Measured in events the engine handled, not in seconds: 2,000 book and trade events are as many chances to enter or replace as it would get in 10 s at --speed 4.
        using var http = new HttpClient();
        var start = await EngineEvents(http, metrics);
        await Eventually.Until(async () =>
        {
            var now = SimAccount.Of(await sim.State(), LiveProcess.Address);
            Assert.That((now.Position, now.OrderIds), Is.EqualTo((killed.Position, killed.OrderIds)),
                $"the adopted position keeps its take-profit; no entry, no replacement:\n{second.Tail()}");
            return await EngineEvents(http, metrics) >= start + 2_000;
        }, "the engine to handle 2,000 events", Patience * 2, () => second.Tail());
        var state = await sim.State();
        Assert.Multiple(() =>
        {
            Assert.That(second.LinesMatching(LiveLogPatterns.DeadManTakeover).Count(), Is.EqualTo(1), second.Tail());
            Assert.That(second.LinesMatching(LiveLogPatterns.Adopted).Count(l => l.Contains("kind=position")), Is.EqualTo(1), second.Tail());
            Assert.That(second.LinesMatching(LiveLogPatterns.Adopted).Count(l => l.Contains("kind=order") && l.Contains($"oid={killed.OrderIds}")), Is.EqualTo(1), second.Tail());
            Assert.That(second.LinesMatching(LiveLogPatterns.OrderSent), Is.Empty, "nothing sent while the adopted trade is open");
            Assert.That(SimAccount.Counter(state, "scheduledCancels"), Is.Zero, "the killed run's dead-man schedule never fired");
        });

        second.Signal(CliProcess.SigTerm);
        Assert.That(await second.WaitForExit(Patience), Is.Zero, second.Tail());
        var after = SimAccount.Of(await sim.State(), LiveProcess.Address);
        Assert.That((after.Position, after.OpenOrders), Is.EqualTo((0m, 0)), "the restarted engine managed the adopted trade to the end");
    }

    [Test]
    public async Task The_dead_man_switch_cancels_the_orders_of_a_frozen_live_process()
    {
        using var sim = await SimProcess.Start("--speed", "2");
        using var live = LiveProcess.Start(sim, "live", [.. LiveProcess.Trading, "--deadman-s", "6"]);
        for (var attempt = 0; ; attempt++)
        {
            await AccountWhen(sim, a => a.OpenOrders > 0, "a working order", live);
            live.Signal(CliProcess.SigStop);
            if (SimAccount.Of(await sim.State(), LiveProcess.Address).OpenOrders > 0) break;
            live.Signal(CliProcess.SigCont);
            Assert.That(attempt, Is.LessThan(20), "the working order was always gone by the time the process froze");
        }
        var frozen = SimAccount.Counter(await sim.State(), "scheduledCancels");

        await Eventually.Until(async () => SimAccount.Counter(await sim.State(), "scheduledCancels") != frozen, "the sim's dead-man deadline to fire",
            TimeSpan.FromSeconds(30), () => sim.Process.Tail());
        Assert.That(SimAccount.Of(await sim.State(), LiveProcess.Address).OpenOrders, Is.Zero, "the scheduled cancel took every working order");
        live.Signal(CliProcess.SigKill);
    }

    [Test]
    public async Task The_equity_stop_flattens_and_halts()
    {
        using var sim = await SimProcess.Start("--speed", "4");
        using var live = LiveProcess.Start(sim, "live", [.. LiveProcess.Trading, "--equity-poll-s", "1"]);
        await AccountWhen(sim, a => a.Position != 0, "a position", live);

        await sim.AddCash(LiveProcess.Address, -1000);
        await live.WaitForLine(LiveLogPatterns.EquityStop, Patience);
        await AccountWhen(sim, a => a.Position == 0 && a.OpenOrders == 0, "flat with nothing working", live);
        var orders = SimAccount.Counter(await sim.State(), "orders");
        // The halted engine must see the market move on: 200 more market events, each a chance to enter.
        var events = SimAccount.Counter(await sim.State(), "marketEvents");
        await Eventually.Until(async () => SimAccount.Counter(await sim.State(), "marketEvents") >= events + 200, "200 more market events from the sim",
            Patience, () => sim.Process.Tail());

        Assert.Multiple(async () =>
        {
            Assert.That(SimAccount.Counter(await sim.State(), "orders"), Is.EqualTo(orders), "halted: no order after the stop");
            Assert.That(live.HasExited, Is.False, "halted, not crashed");
        });
        live.Signal(CliProcess.SigTerm);
        Assert.That(await live.WaitForExit(Patience), Is.Zero, live.Tail());
    }

    /// <summary>Polls the sim until the live account satisfies <paramref name="condition"/>; returns that state.</summary>
    private static Task<SimAccount> AccountWhen(SimProcess sim, Func<SimAccount, bool> condition, string what, CliProcess live) =>
        Eventually.Value(async () => SimAccount.Of(await sim.State(), LiveProcess.Address), condition, what, Patience,
            account => $"last {account}\n{live.Tail()}\n{sim.Process.Tail()}");

    private static async Task<long> EngineEvents(HttpClient http, Uri metrics) =>
        long.Parse(EngineEventsLine().Match(await http.GetStringAsync(metrics)).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^hlscalper_engine_events_total\{coin=""BTC""\} (\d+)$", RegexOptions.Multiline)]
    private static partial Regex EngineEventsLine();
}
