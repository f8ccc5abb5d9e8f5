using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using HlScalper.Engine.Alarms;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Strategy;
using HlScalper.Gateway.Exchange;
using HlScalper.Gateway.Info;
using HlScalper.Live.Config;
using HlScalper.Live.Log;
using HlScalper.Live.Recovery;
using HlScalper.LocalExchange;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Keys;
using HlScalper.Protocol.Signing;

namespace HlScalper.Live.Tests;

/// <summary>
/// The live run against the local exchange (in process, on loopback): a dead engine ends the run with its orders cancelled and the
/// dead-man schedule left to fire, a blocked log never holds the engine up, a restart's stale adopted entry is cancelled at the
/// exchange, and a local clock running ahead does not move engine time.
/// </summary>
[NonParallelizable]
public sealed class LiveSafetyTests
{
    private const string Key = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    /// <summary>How long a test waits for the run to end or a state to come before it fails (never reached when the code works).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static string Address { get; } = AddressOf(Key);

    [Test]
    public async Task A_handler_that_throws_raises_the_alarm_cancels_the_orders_leaves_the_dead_man_set_and_exits_3_without_a_hang()
    {
        await using var sim = await SimHarness.StartAsync(new LocalExchangeOptions { Speed = 4, Log = _ => { } });
        var output = new LineWriter();
        using var log = new LiveLog(output);
        var tap = new ThrowOnPlace(after: 1);
        var engine = new LiveEngine(Options(sim, tap, "deadman_s=5"), log, TimeProvider.System);

        // No duration: only the watchdog can end this run. The bound is the test's, and it must not be what ends it.
        using var bound = new CancellationTokenSource(Patience);
        await engine.RunAsync(bound.Token);
        var account = await Account(sim);
        var alarm = output.Lines.FirstOrDefault(l => l.Contains("evt=alarm kind=Watchdog"));

        Assert.Multiple(() =>
        {
            Assert.That(bound.IsCancellationRequested, Is.False, "the run ended by itself");
            Assert.That(engine.ExitCode, Is.EqualTo(LiveEngine.ExitWatchdog));
            Assert.That(engine.Failure, Does.StartWith("engine: halted by InvalidOperationException"));
            Assert.That(alarm, Is.Not.Null, output.Tail());
            Assert.That(engine.Counters.AlarmsOf(AlarmKind.Watchdog), Is.EqualTo(1), "counted with the engine's alarms (alarms_total)");
            Assert.That(tap.Places, Is.EqualTo(1), "the engine placed its first order, then its handler threw");
            Assert.That(output.Lines.Any(l => Regex.IsMatch(l, @"evt=watchdog_cancel orders=\d+$")), Is.True, "cancelled over REST without the engine");
            Assert.That(account.GetProperty("openOrders").GetArrayLength(), Is.Zero, "nothing of ours left working at the exchange");
            Assert.That(account.GetProperty("scheduledCancelMs").ValueKind, Is.EqualTo(JsonValueKind.Number),
                "the dead-man schedule is left set (a clean stop clears it)");
        });
        // Set before the trip and not moved after it: the last refresh came no later than the alarm.
        var alarmMs = TimeOf(alarm!);
        var ahead = (long)(TimeSpan.FromSeconds(5) + LivePipeline.DeadManMargin).TotalMilliseconds;
        Assert.That(account.GetProperty("scheduledCancelMs").GetInt64(), Is.LessThanOrEqualTo(alarmMs + ahead), "no refresh after the trip");
    }

    [Test]
    public async Task A_restart_cancels_its_adopted_stale_entry_at_the_exchange_and_goes_on_entering()
    {
        await using var sim = await SimHarness.StartAsync(new LocalExchangeOptions { Speed = 4, Log = _ => { } });
        var prefix = CloidPrefixes.For(Address, "BTC", "");
        var stale = Cloid.FromPrefix(prefix, 7);
        await PlaceRestingEntry(sim, stale);
        var placedMs = (await sim.StateAsync()).GetProperty("timeMs").GetInt64();
        // The entry timeout is 1 s: wait (on the exchange's clock) until the adopted order is older than that.
        await Until(async () => (await sim.StateAsync()).GetProperty("timeMs").GetInt64() > placedMs + 1_500, "the entry to age past its timeout");

        var output = new LineWriter();
        using var log = new LiveLog(output);
        var engine = new LiveEngine(Options(sim, null, "entry_timeout_s=1"), log, TimeProvider.System);
        using var stop = new CancellationTokenSource(Patience);
        var run = engine.RunAsync(stop.Token);
        await Until(async () => !(await OpenCloids(sim)).Contains(stale.ToString()), "the stale entry to be cancelled at the exchange", output);
        var ordersAtCancel = Counter(await sim.StateAsync(), "orders");
        await Until(async () => Counter(await sim.StateAsync(), "orders") > ordersAtCancel, "a new entry after the cancel", output);
        await stop.CancelAsync();
        await run;

        Assert.Multiple(() =>
        {
            Assert.That(output.Lines.Count(l => l.Contains("evt=adopt") && l.Contains(stale.ToString())), Is.EqualTo(1), output.Tail());
            Assert.That(output.Lines.Any(l => l.Contains("evt=cancel_req") && l.Contains(stale.ToString())), Is.True, "the engine decided the cancel");
            Assert.That(engine.ExitCode, Is.Zero);
        });
    }

    [Test]
    public async Task A_log_sink_that_blocks_never_holds_the_engine_up_and_the_events_it_missed_are_counted()
    {
        await using var sim = await SimHarness.StartAsync(new LocalExchangeOptions { Speed = 4, Log = _ => { } });
        // A sink whose every write blocks until the test lets go, as a stuck reader of stdout or a full disk does.
        using var stuck = new BlockingWriter();
        var log = new LiveLog(stuck, capacity: 16);
        using var http = new HttpClient();
        var config = Config();
        using var pipeline = new LivePipeline(new LivePipelineOptions
        {
            Coin = "BTC",
            Asset = AssetMeta.BtcPerp,
            Engine = config.Engine,
            Runtime = config.Runtime,
            WebSocket = sim.Server.WebSocketUri,
            Api = new Uri(sim.Server.HttpUri, "/"),
            Keys = Keys,
            User = Address,
            CounterStart = CloidPrefixes.CounterStart(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()),
            RingSize = 64,
        }, log, TimeProvider.System, http);
        // The account's equity first, as the live run hands it over: the risk guards size nothing without it.
        var snapshot = await AccountSnapshot.FetchAsync(new HlInfoClient(http, new Uri(sim.Server.HttpUri, "/")), Address, TimeProvider.System, CancellationToken.None);
        pipeline.Publisher.Equity(snapshot.State, snapshot.TakenUtcMs);
        pipeline.Start();

        await Until(() => Task.FromResult(pipeline.LogSkipped > 0), "the log thread to be lapped", () => $"{pipeline.EngineSummary()} at {pipeline.Sequences}");
        var events = pipeline.Runner.Stats.Events;
        var orders = Counter(await sim.StateAsync(), "orders");
        await Until(async () => pipeline.Runner.Stats.Events > events + 500 && Counter(await sim.StateAsync(), "orders") > orders,
            "the engine to keep handling the market and sending orders while the log is blocked", () => pipeline.EngineSummary());
        pipeline.RequestShutdown(closeOutFlattens: false);
        await pipeline.StopAsync();
        var summary = pipeline.EngineSummary();
        stuck.Release();
        log.Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(pipeline.Tripped, Is.Null, "the watchdog saw nothing wrong with the engine");
            Assert.That(pipeline.LogSkipped, Is.GreaterThan(0));
            Assert.That(Regex.Match(summary, @"log_skipped=(\d+)").Groups[1].Value, Is.EqualTo(pipeline.LogSkipped.ToString(CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    public async Task A_local_clock_500_ms_ahead_leaves_engine_time_on_the_exchange_clock()
    {
        await using var sim = await SimHarness.StartAsync(new LocalExchangeOptions { Speed = 4, Log = _ => { } });
        var output = new LineWriter();
        using var log = new LiveLog(output);
        var ahead = new ShiftedClock(TimeSpan.FromMilliseconds(500));
        var engine = new LiveEngine(Options(sim, null) with { Duration = TimeSpan.FromSeconds(3) }, log, ahead);

        await engine.RunAsync(CancellationToken.None);
        var exchangeNowMs = (await sim.StateAsync()).GetProperty("timeMs").GetInt64();
        var skew = double.Parse(Regex.Match(string.Join('\n', output.Lines), @"evt=clock_skew_alarm skew_ms=([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture);

        Assert.Multiple(() =>
        {
            Assert.That(skew, Is.InRange(450, 550), "the skew is measured (and above the 150 ms alarm)");
            Assert.That(engine.Counters.AlarmsOf(AlarmKind.ClockSkew), Is.GreaterThanOrEqualTo(1), "the start-up measurement's alarm is raised and counted (alarms_total)");
            // Engine time is the newest event time; with local events stamped by the uncorrected clock it would sit ~500 ms ahead.
            Assert.That(engine.EngineTimeMs, Is.LessThanOrEqualTo(exchangeNowMs + 50), "engine time never ahead of the exchange's");
            Assert.That(engine.EngineTimeMs, Is.GreaterThan(exchangeNowMs - 2_000), "and it moved with it");
            Assert.That(engine.ExitCode, Is.Zero);
        });
    }

    [Test]
    public async Task A_dust_position_whose_exits_are_refused_for_minimum_value_is_tried_a_bounded_number_of_times_raises_the_alarm_and_exits_4()
    {
        await using var sim = await SimHarness.StartAsync(new LocalExchangeOptions { Speed = 4, MinValueForReduceOnly = true, Log = _ => { } });
        var dust = await OpenDustPosition(sim);
        var output = new LineWriter();
        using var log = new LiveLog(output);
        var engine = new LiveEngine(Options(sim, null, "timeout_s=1", "flatten_on_exit=true") with { Duration = TimeSpan.FromSeconds(8) }, log, TimeProvider.System);

        await engine.RunAsync(CancellationToken.None);
        var state = await sim.StateAsync();
        var refusedAtExchange = state.GetProperty("counters").GetProperty("rejectsByReason").GetProperty("Order must have minimum value of $10.").GetInt64();
        var stats = engine.Pipeline!.Runner.Stats;
        var flattenSends = output.Lines.Count(l => l.Contains("evt=order") && l.Contains("reason=Shutdown"));
        var position = engine.Summary.SingleOrDefault(l => l.StartsWith("position: ", StringComparison.Ordinal));
        TestContext.Out.WriteLine($"engine rejects={stats.Rejects} log rejects={engine.Counters.Rejects} flatten sends={flattenSends} exchange refusals={refusedAtExchange}\n{position}");
        TestContext.Out.WriteLine($"exchange: {state.GetProperty("counters").GetProperty("rejectsByReason").GetRawText()}; log by status: {string.Join(' ', Enum.GetValues<OrderStatus>().Where(k => engine.Counters.RejectsBy(k) > 0).Select(k => $"{k}={engine.Counters.RejectsBy(k)}"))}");

        Assert.Multiple(() =>
        {
            Assert.That(engine.ExitCode, Is.EqualTo(LiveEngine.ExitPositionLeft), output.Tail());
            Assert.That(position, Does.Contain($"left={Fixed8.ToString(dust)}").And.Contain("dust=1").And.Contain("exit_refused=MinTradeNtlRejected"));
            Assert.That(stats.GaveUpOn(OrderRole.Exit), Is.EqualTo(OrderStatus.MinTradeNtlRejected));
            Assert.That(output.Lines.Count(l => l.Contains("evt=alarm kind=OrderRefused")), Is.InRange(1, 2), "an alarm when the exit (and the take-profit) gave up");
            // Bound: 3 exits, 3 take-profits (RefusalBackoff.PermanentAttempts each), 3 flatten attempts — not one every few milliseconds.
            Assert.That(stats.Rejects, Is.InRange(RefusalBackoff.PermanentAttempts, 2 * RefusalBackoff.PermanentAttempts));
            Assert.That(flattenSends, Is.InRange(1, 3));
            Assert.That(engine.Counters.Rejects, Is.EqualTo(stats.Rejects), "the log counts what the engine counted");
            // By reason: an order decided before the socket is up (the adopted position's take-profit) is refused locally, never reaching the exchange.
            Assert.That(refusedAtExchange, Is.EqualTo(engine.Counters.RejectsBy(OrderStatus.MinTradeNtlRejected) + flattenSends),
                "every minimum-value refusal the exchange made is one the run counted, once");
        });
    }

    /// <summary>Leaves the account long a size far below the $10 minimum (two IOCs, each above it): dust no reduce-only order may close.</summary>
    private static async Task<long> OpenDustPosition(SimHarness sim)
    {
        using var http = new HttpClient();
        using var keys = Keys();
        var client = new ExchangeClient(http, new Uri(sim.Server.HttpUri, "/exchange"), new L1ActionSigner(keys.Signer, true), new NonceSource());
        await client.SendAsync(new OrderAction([OrderWire.Limit(0, true, Px.FromDecimal(500_000m), Sz.FromDecimal(0.01001m), Tif.Ioc, reduceOnly: false)]), CancellationToken.None);
        await client.SendAsync(new OrderAction([OrderWire.Limit(0, false, Px.FromDecimal(1_000m), Sz.FromDecimal(0.01m), Tif.Ioc, reduceOnly: false)]), CancellationToken.None);
        var position = (await Account(sim)).GetProperty("position").EnumerateArray().Single(p => p.GetProperty("coin").GetString() == "BTC");
        var size = Fixed8.Parse(position.GetProperty("szi").GetString()!);
        Assert.That(size, Is.EqualTo(Fixed8.Parse("0.00001")), "both IOCs filled in full: 0.00001 BTC left, about a dollar");
        return size;
    }

    private static LiveConfig Config(params string[] settings) =>
        LiveConfig.From(new[] { "prior_n=1000000", "watchdog_stall_s=30" }.Concat(settings).Select(s => (s[..s.IndexOf('=')], s[(s.IndexOf('=') + 1)..])), "test");

    private static TradingKeys Keys() => TradingKeys.FromSettings(new Dictionary<string, string> { [TradingKeys.KeyVariable] = Key });

    private static LiveRunOptions Options(SimHarness sim, IOrderSink? tap, params string[] settings) => new()
    {
        Api = new Uri(sim.Server.HttpUri, "/"),
        WebSocket = sim.Server.WebSocketUri,
        Coin = "BTC",
        Config = Config(settings),
        Keys = Keys,
        OrderTap = tap,
    };

    private static async Task PlaceRestingEntry(SimHarness sim, Cloid cloid)
    {
        using var http = new HttpClient();
        using var keys = Keys();
        var client = new ExchangeClient(http, new Uri(sim.Server.HttpUri, "/exchange"), new L1ActionSigner(keys.Signer, true), new NonceSource());
        // A post-only buy far under the market: it rests, as an entry of the killed run would.
        var order = OrderWire.Limit(0, true, Px.FromDecimal(1_000m), Sz.FromDecimal(0.02m), Tif.Alo, reduceOnly: false, cloid: cloid);
        await client.SendAsync(new OrderAction([order]), CancellationToken.None);
        Assert.That(await OpenCloids(sim), Does.Contain(cloid.ToString()), "the entry rests at the exchange");
    }

    private static async Task<JsonElement> Account(SimHarness sim) =>
        (await sim.StateAsync()).GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("user").GetString() == Address);

    private static async Task<List<string?>> OpenCloids(SimHarness sim) =>
        [.. (await Account(sim)).GetProperty("openOrders").EnumerateArray().Select(o => o.GetProperty("cloid").GetString())];

    private static long Counter(JsonElement state, string name) => state.GetProperty("counters").GetProperty(name).GetInt64();

    private static long TimeOf(string line) =>
        DateTimeOffset.Parse(Regex.Match(line, @"^ts=(\S+)").Groups[1].Value, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    private static Task Until(Func<Task<bool>> condition, string what, LineWriter? output = null) => Eventually.Until(condition, what, Patience, () => output?.Tail() ?? "");

    private static Task Until(Func<Task<bool>> condition, string what, Func<string> state) => Eventually.Until(condition, what, Patience, state);

    private static string AddressOf(string key)
    {
        using var signer = Signers.Create(Convert.FromHexString(key[2..]));
        return signer.Address.ToString().ToLowerInvariant();
    }

    /// <summary>The order tap of a broken engine: it throws on the engine thread once <paramref name="after"/> places went out.</summary>
    private sealed class ThrowOnPlace(int after) : IOrderSink
    {
        private int _places;

        public int Places => Volatile.Read(ref _places);

        public void Submit(in OrderIntent intent)
        {
            if (intent.Kind == IntentKind.Place && Interlocked.Increment(ref _places) >= after) throw new InvalidOperationException("a bug in the engine");
        }
    }

    /// <summary>The system clock, shifted: a machine whose clock runs ahead of the exchange's.</summary>
    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }

    /// <summary>A log sink that blocks every write until <see cref="Release"/>: a stdout nobody reads, a disk that does not take more.</summary>
    private sealed class BlockingWriter : TextWriter
    {
        private readonly ManualResetEventSlim _released = new(false);

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => _released.Wait();

        public void Release() => _released.Set();

        protected override void Dispose(bool disposing)
        {
            Release();
            base.Dispose(disposing);
        }
    }

    /// <summary>Collects whole lines from the log's writer thread; read them from any thread.</summary>
    private sealed class LineWriter : TextWriter
    {
        private readonly List<string> _lines = [];
        private readonly System.Text.StringBuilder _current = new();

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public string[] Lines
        {
            get
            {
                lock (_lines) return [.. _lines];
            }
        }

        public string Tail() => string.Join('\n', Lines.TakeLast(40));

        public override void Write(char value)
        {
            lock (_lines)
            {
                if (value == '\n')
                {
                    _lines.Add(_current.ToString());
                    _current.Clear();
                }
                else if (value != '\r') _current.Append(value);
            }
        }
    }
}
