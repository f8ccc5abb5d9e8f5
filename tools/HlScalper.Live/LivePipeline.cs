using System.Diagnostics;
using System.Runtime;
using System.Security.Cryptography;
using HlScalper.Engine.Alarms;
using HlScalper.Engine.Events;
using HlScalper.Engine.Metrics;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Ring;
using HlScalper.Engine.Strategy;
using HlScalper.Gateway.Alarms;
using HlScalper.Gateway.DeadMan;
using HlScalper.Gateway.Exchange;
using HlScalper.Gateway.Feed;
using HlScalper.Gateway.Info;
using HlScalper.Gateway.Orders;
using HlScalper.Gateway.WebSockets;
using HlScalper.Live.Account;
using HlScalper.Live.Config;
using HlScalper.Live.Log;
using HlScalper.Live.Pipeline;
using HlScalper.Live.Producers;
using HlScalper.Live.Safety;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Codec;
using HlScalper.Protocol.Keys;
using HlScalper.Protocol.Signing;

namespace HlScalper.Live;

/// <summary>
/// The one wiring of the live path: feed supervisor → codec → multi-producer ring → engine thread (slot runner: strategy and risk)
/// → order sender → order frames on the feed's own socket; beside it a log thread (reading the ring behind the engine), a
/// timer thread, and, when the venue's REST endpoint is given, the dead-man switch and the equity poller; the kill-switch file; and
/// a watchdog over all of them.
/// </summary>
/// <remarks>
/// <para><c>hlscalper live</c> (through <see cref="LiveEngine"/>, which adds start-up and close-out), the tick-to-trade harness and the
/// end-to-end tests all run this class. Build it, publish anything the engine must see first (recovery) through
/// <see cref="Publisher"/>, <see cref="Start"/> it, and <see cref="StopAsync"/> it.</para>
/// <para>Only the engine gates the ring: the log thread reads behind it and counts what it was lapped on, so a slow disk never
/// reaches the producers. The watchdog trips on a faulted or stalled engine (events waiting, no progress for
/// <c>watchdog_stall_s</c>), a dead log thread, timer, feed loop, dead-man, equity poller or kill-switch watcher: it fences the order
/// path, takes the engine out of the ring's gating (no producer waits for it), abandons the dead-man switch (the exchange's scheduled
/// cancel stays set), raises the alarm and cancels every order of ours over REST; <see cref="Failure"/> then completes and the run
/// ends non-zero. The dead-man refresh is earned by engine progress on every turn.</para>
/// </remarks>
public sealed class LivePipeline : IDisposable
{
    /// <summary>How long the stop waits for each thread (the log to catch up, the engine and log to end) before it goes on without it.</summary>
    public static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);

    /// <summary>The ring index of the traded coin (the pipeline trades one).</summary>
    public const ushort CoinIndex = 0;

    /// <summary>Added to <c>deadman_s</c> when scheduling the cancel: the exchange refuses a time less than 5 s ahead on arrival.</summary>
    public static readonly TimeSpan DeadManMargin = TimeSpan.FromSeconds(1);

    private readonly LivePipelineOptions _options;
    private readonly CountingAlarmSink _offRingAlarms;
    private readonly LiveLog _log;
    private readonly TimeProvider _clock;
    private readonly RingBuffer<MarketEvent> _ring;
    private readonly MultiProducerSequencer _sequencer;
    private readonly IntentQueue _sentIntents = new();
    private readonly IntentQueue? _dryRunIntents;
    private readonly WebSocketOrderChannel _channel;
    private readonly TradingKeys? _exchangeKey;
    private readonly TradingKeys? _orderKey;
    private readonly IDigestSigner? _orderSigner;
    private readonly OrderSender<RingEventSink>? _sender;
    private readonly BatchEventProcessor<MarketEvent, LiveEngineHandler> _engine;
    private readonly TrailingEventProcessor<MarketEvent, LogHandler> _logging;
    private readonly Latency.OrderLatencyWriter? _latencies;
    private readonly TimedOrderSink _orders;
    private readonly OrderChannelGate? _gate;
    private readonly TimerPublisher _timer;
    private readonly FeedSupervisor<RingEventSink> _feed;
    private readonly HlInfoClient? _info;
    private readonly ProgressMonitor _progress;
    private readonly Watchdog _watchdog;
    private readonly TaskCompletionSource<string> _failure = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _background = new();
    private readonly CancellationTokenSource _deadManStop = new();
    private DeadManSwitch<RingEventSink>? _deadMan;
    private Task _feedTask = Task.CompletedTask;
    private Task _equityTask = Task.CompletedTask;
    private Task _killTask = Task.CompletedTask;
    private Task _clockTask = Task.CompletedTask;
    private Task _deadManTask = Task.CompletedTask;
    private GcTally _gcAtStart;
    private int _connects;
    private volatile bool _stopping;
    private long _logSkippedReported;
    private long _logDroppedReported;

    /// <param name="http">The REST client of <see cref="LivePipelineOptions.Api"/>; null when there is no REST endpoint.</param>
    public LivePipeline(LivePipelineOptions options, LiveLog log, TimeProvider clock, HttpClient? http = null)
        : this(options, log, clock, http, warmUpVenue: null)
    {
    }

    /// <param name="warmUpVenue">Set for the throwaway copy a warm-up runs: its order frames go there instead of a socket, and its
    /// order channel counts as up.</param>
    private LivePipeline(LivePipelineOptions options, LiveLog log, TimeProvider clock, HttpClient? http, WarmUpVenue? warmUpVenue)
    {
        _options = options;
        _log = log;
        _clock = clock;
        EventClock = options.ExchangeClock ?? new ExchangeClock(clock);
        _ring = new RingBuffer<MarketEvent>(options.RingSize);
        _sequencer = new MultiProducerSequencer(_ring.Stamps, WaitStrategies.Create(options.Runtime.Wait));
        Publisher = new RingPublisher(_ring, _sequencer);
        // The engine thread is the order socket's only writer: subscriptions, pings, pongs and posts queue for it and wake it. Without
        // orders (a dry run) nobody owns the socket and every sender writes for itself.
        _channel = new WebSocketOrderChannel(options.DryRun ? null : WakeOrderWriter);
        _dryRunIntents = options.DryRun ? new IntentQueue() : null;
        _latencies = options.LatencyFile is { } latencyFile ? Latency.OrderLatencyWriter.Create(latencyFile, clock) : null;
        var logger = new OrderLogger(log, options.Coin, CoinIndex, options.DryRun, _sentIntents, clock, options.Alarms) { Latencies = _latencies };
        Counters = logger.Counters;
        _offRingAlarms = new CountingAlarmSink(Counters, options.Alarms);
        OrderRoundTrip = logger.RoundTrip;

        var nonces = new NonceSource();
        if (!options.DryRun)
        {
            var keys = options.Keys ?? throw new ArgumentException("a live (not dry-run) pipeline needs a trading key", nameof(options));
            // One key object per signing thread: the exchange client's caller, and the engine (orders, from the nonce pool).
            _exchangeKey = keys();
            _orderKey = keys();
            _orderSigner = Signers.ForOrders(_orderKey.Signer, options.Runtime.NoncePool);
            if (options.Api is not null && http is not null)
            {
                Exchange = new ExchangeClient(http, new Uri(options.Api, "exchange"), new L1ActionSigner(_exchangeKey.Signer, options.IsMainnet), nonces,
                    _exchangeKey.Vault, _channel);
            }
            IFrameSink frames = (IFrameSink?)warmUpVenue ?? _channel;
            if (options.Stages is not null) frames = new Latency.StampingFrameSink(frames, Context);
            _sender = new OrderSender<RingEventSink>(new L1ActionSigner(_orderSigner, options.IsMainnet), [options.Asset], _exchangeKey.Vault, nonces, frames, Sink(),
                EventClock);
        }
        if (options.Api is not null && http is not null) _info = new HlInfoClient(http, options.Api) { MaxAttempts = 3 };
        if (_info is not null && Exchange is not null && options.User is { } account)
            Actions = new AccountActions(_info, Exchange, account, options.Asset, options.Engine.Strategy.CloidPrefix);

        _gate = _sender is null ? null : new OrderChannelGate(_sender, warmUpVenue is null ? () => _channel.IsConnected : () => true);
        IOrderSink orders = _gate is not null ? _gate : new DryRunOrderSink(_dryRunIntents!, EventClock);
        _orders = new TimedOrderSink(orders, Context, TickToTrade, _sentIntents, clock, options.OrderTap, options.Stages);
        Runner = new SlotRunner(options.Asset, CoinIndex, options.Engine, _orders, logger.Alarms, options.CounterStart);
        _engine = new BatchEventProcessor<MarketEvent, LiveEngineHandler>(_ring, _sequencer.NewBarrier(),
            new LiveEngineHandler(Runner, Context, WireToDecision, _sender, _gate, _sender is null ? null : _channel, options.Stages), LoggingExceptionHandler.LogAndHalt(line => Write("error", ("msg", line))), "engine");
        // Before anything is published: a consumer added later starts at the cursor and would miss the recovery. Only the engine
        // gates: the log reads behind it and never holds a producer up.
        _sequencer.AddGatingSequences(_engine.Sequence);
        _logging = new TrailingEventProcessor<MarketEvent, LogHandler>(_ring, _sequencer, _engine.Sequence, new LogHandler(logger),
            LoggingExceptionHandler.LogAndContinue(line => Write("error", ("msg", line))), "log");
        _timer = new TimerPublisher(_ring, _sequencer, options.TimerPeriod, CoinIndex, _dryRunIntents, EventClock);
        _feed = BuildFeed();
        _progress = new ProgressMonitor(_engine.Sequence, _sequencer, options.Runtime.WatchdogStall);
        _watchdog = new Watchdog(WatchdogPeriod, Trip) { OnTick = Report };
    }

    /// <summary>How often the watchdog looks.</summary>
    public static readonly TimeSpan WatchdogPeriod = TimeSpan.FromMilliseconds(100);

    /// <summary>Cancels and flattens over <c>/info</c> and <c>/exchange</c>, without the engine; null in a dry run or without a REST endpoint or account.</summary>
    public AccountActions? Actions { get; }

    /// <summary>Completes, with "part: why", once the watchdog has tripped and its cancel of every order is done (or failed).</summary>
    public Task<string> Failure => _failure.Task;

    /// <summary>"part: why" when the watchdog has tripped; null while healthy.</summary>
    public string? Tripped => _watchdog.Tripped;

    /// <summary>Events the log thread was lapped on (overwritten before it read them).</summary>
    public long LogSkipped => _logging.Skipped;

    /// <summary>Dead-man refreshes withheld because the engine had not kept up (or the run had failed); 0 without a dead-man switch.</summary>
    public long DeadManWithheld => _deadMan?.Withheld ?? 0;

    /// <summary>The engine's and the log's ring positions (the log may trail the engine; the published cursor may lead both).</summary>
    public (long Engine, long Log) Sequences => (_engine.Sequence.Value, _logging.Sequence.Value);

    /// <summary>Exchange time as this machine tells it (local clock minus the measured skew): the stamp of every event the run makes itself.</summary>
    public ExchangeClock EventClock { get; }

    /// <summary>A producer for the run's occasional events (recovery, resync, equity, shutdown).</summary>
    public RingPublisher Publisher { get; }

    /// <summary>Signed actions over the feed's socket (REST while it is down); null in a dry run or without a REST endpoint.</summary>
    public ExchangeClient? Exchange { get; }

    /// <summary>The strategy and risk on the engine thread (its <see cref="SlotRunner.Stats"/> are the engine's counters).</summary>
    public SlotRunner Runner { get; }

    /// <summary>The engine thread's current event, shared with the order path's timing.</summary>
    public TickContext Context { get; } = new();

    /// <summary>Orders, acks, fills, cancels, rejects and PnL as the log thread counted them.</summary>
    public LiveCounters Counters { get; }

    /// <summary>Raises an alarm found outside the ring (a start-up check): counted with the engine's, passed on to the configured sink.</summary>
    public void RaiseAlarm(in Alarm alarm) => _offRingAlarms.Raise(in alarm);

    /// <summary>Wire receive of the causing event → order frame written.</summary>
    public LatencyHistogram TickToTrade { get; } = new("tick-to-trade");

    /// <summary>Order frame written → its first answer received (log thread).</summary>
    public LatencyHistogram OrderRoundTrip { get; }

    /// <summary>Stopwatch timestamp of the feed's last message (or connect); the feed age of the metrics.</summary>
    public long FeedLastMessage => _feed.LastMessageTimestamp;

    /// <summary>The codec's counters (messages, malformed ones).</summary>
    public HlCodecCounters CodecCounters => _feed.CodecCounters;

    /// <summary>Dead-man refreshes, failed refreshes, and failures in a row now (zero without a REST endpoint).</summary>
    public (long Refreshes, long Failures, int FailuresInRow) DeadManCounters => _deadMan is { } d ? (d.Refreshes, d.Failures, d.FailuresInRow) : default;

    /// <summary>Events published but not yet handled by the engine thread.</summary>
    public long EngineLag => Math.Max(0, _sequencer.Cursor.Value - _engine.Sequence.Value);

    /// <summary>Wire receive of a book → strategy and risk done with it.</summary>
    public LatencyHistogram WireToDecision { get; } = new("wire-to-decision");

    /// <summary>Called (on the feed's thread) after every reconnect but the first, once the order channel is attached again.</summary>
    public Func<CancellationToken, Task>? Reconnected { get; set; }

    /// <summary>The order signer's name ("libsecp256k1 with a nonce pool", …); null in a dry run.</summary>
    public string? OrderSigner => _orderSigner?.Name;

    /// <summary>Local rejects of the order sender (frames the socket refused), frames signed, and those of them that waited for a full ECDSA signature (nonce pool empty or off); zero in a dry run.</summary>
    public (long SendFailures, long Sent, long FullSignatures) SenderCounters => _sender is null ? default : (_sender.SendFailures, _sender.Sent, _sender.FullSignatures);

    /// <summary>Feed reconnects so far.</summary>
    public long Reconnects => _feed.Counters.Reconnects;

    /// <summary>Sequence of the last event published to the ring.</summary>
    public long Published => _sequencer.Cursor.Value;

    /// <summary>How far ahead each refresh schedules the cancel: <c>deadman_s</c> and the margin.</summary>
    private TimeSpan DeadManHorizon => _options.Runtime.DeadManAhead + DeadManMargin;

    /// <summary>Time the start-up may take before the dead-man switch runs (recovery's requests, the collection after the warm-up), on top of the warm-up itself.</summary>
    public static readonly TimeSpan StartUpAllowance = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Sets the account's dead-man schedule far enough ahead to cover recovery and the warm-up, before either begins. A predecessor that
    /// died left its own schedule, at most <c>deadman_s</c> away; it would fire while this run recovers or warms up, cancelling the orders
    /// this run adopts without the engine hearing of it (the feed is not subscribed yet). Returns the time set, or null when the exchange
    /// refused it (logged: the predecessor's schedule may then still fire).
    /// </summary>
    public async Task<DateTimeOffset?> TakeOverDeadManAsync(CancellationToken ct)
    {
        if (Exchange is null) return null;
        var due = EventClock.GetUtcNow() + _options.Runtime.WarmUp + StartUpAllowance + DeadManHorizon;
        try
        {
            await Exchange.SendAsync(new ScheduleCancelAction(due.ToUnixTimeMilliseconds()), ct).ConfigureAwait(false);
        }
        catch (ExchangeException e)
        {
            Write("warning", ("msg", $"could not take over the dead-man schedule before recovery ({e.Message}); one left by an earlier run may cancel the orders adopted"));
            return null;
        }
        Write("deadman_takeover", ("until", due.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        return due;
    }

    /// <summary>Starts the threads, the feed and the services; what was published before is handled first. Warms the path first
    /// (<see cref="WarmUp"/>) when <see cref="RuntimeSettings.WarmUp"/> is set.</summary>
    public void Start()
    {
        if (_options.Runtime.WarmUp > TimeSpan.Zero) WarmUp(_options.Runtime.WarmUp);
        // Start-up garbage (metadata, recovery, the ring's 4 MB) goes now, in one blocking collection, rather than in a pause
        // that lands on the first trades.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        _gcAtStart = GcTally.Now();
        _logging.Start();
        _engine.Start(_options.Runtime.EngineCpu, line => Write("warning", ("msg", line)));
        _timer.Start();

        var stop = _background.Token;
        _feedTask = _feed.RunAsync(stop);
        if (Exchange is not null)
        {
            _deadMan = new DeadManSwitch<RingEventSink>((action, ct) => Exchange.SendAsync(action, ct), Sink(),
                new DeadManOptions { Ahead = DeadManHorizon, Interval = _options.Runtime.DeadManAhead / 2, AlarmAfter = _options.Engine.Risk.DeadManFailuresBeforeAlarm }, EventClock, CoinIndex,
                mayRefresh: () => Tripped is null && _progress.KeptUpSinceLastAsk());
            _deadManTask = _deadMan.RunAsync(_deadManStop.Token);
        }
        if (_info is not null && _options.User is { } user)
            _equityTask = new EquityPoller(_info, user, Publisher, _options.Runtime.EquityPoll, EventClock, line => Write("warning", ("msg", line))).RunAsync(stop);
        if (_info is not null)
            _clockTask = new ClockSkewMonitor(_info, _options.Coin, EventClock, _options.Runtime.ClockCheck, (skew, alarm) => Write(alarm ? "clock_skew_alarm" : "clock_skew",
                ("skew_ms", Math.Round(skew.SkewMs, 1)), ("rtt_ms", Math.Round(skew.RoundTripMs, 1)), ("samples", skew.Samples)), _offRingAlarms, CoinIndex).RunAsync(stop);
        if (_options.KillSwitchFile is { } file)
            _killTask = new KillSwitchWatcher<RingEventSink>(file, Sink(), EventClock, TimeSpan.FromMilliseconds(250)).RunAsync(stop);
        WatchEverything();
        _watchdog.Start();
    }

    /// <summary>Ticks a warm-up plays at least, however short it was asked to be (each a book, a trade and answers).</summary>
    public const int WarmUpMinTicks = 1_000;

    /// <summary>A warm-up's most ticks a second: it leaves the JIT's background thread a core on a small machine, and keeps the ticks'
    /// exchange times (<see cref="WarmUpVenue.StepMs"/> apart) within the codec's 5-minute window of the clock for a warm-up of up to
    /// <see cref="WarmUpMaxTime"/>.</summary>
    public const int WarmUpTicksPerSecond = 10_000;

    /// <summary>The longest warm-up.</summary>
    public static readonly TimeSpan WarmUpMaxTime = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs a throwaway copy of this pipeline — the same classes and generic instantiations (feed handler, codec, ring sink, engine
    /// processor and handler, slot runner, risk, order gate and sender) — over a synthetic market (<see cref="WarmUpVenue"/>) until the JIT
    /// has optimised the path, so the first live ticks do not run tier-0 code. Logs <c>warm-up: N events in X ms</c>.
    /// </summary>
    /// <remarks>
    /// <para>It runs for <paramref name="duration"/> (at least <see cref="WarmUpMinTicks"/> ticks), not until some sign that the JIT is done:
    /// a method is promoted after 30 calls once no new method has been compiled for 100 ms, then (dynamic PGO) runs instrumented for 30
    /// more before the background thread compiles it optimised, so an order path that is called once every few dozen ticks needs
    /// seconds, not milliseconds; and the process-wide count of compilations never goes quiet (the framework's own methods keep
    /// tiering up), so it cannot tell when the engine's are done. Two seconds at 10,000 ticks a second (hundreds of orders) takes every
    /// method of the path to its final tier here (checked with <c>DOTNET_JitStdOutFile</c>/<c>DOTNET_JitDisasmSummary</c>).</para>
    /// <para>Nothing of the copy reaches this pipeline or the exchange: it has its own ring, engine, order state, counters and
    /// histograms, its own log (discarded) and no alarm sink, REST endpoint, order tap, latency file or kill switch; it signs with a
    /// random key of its own and its frames end in the venue, counted. It never connects. Not covered: the socket's own reads and writes
    /// (<c>WebSocketConnection</c>), which need a peer.</para>
    /// </remarks>
    public WarmUpReport WarmUp(TimeSpan duration)
    {
        if (duration > WarmUpMaxTime) duration = WarmUpMaxTime;
        var started = Stopwatch.GetTimestamp();
        var venue = new WarmUpVenue(_options.Asset, _options.Coin, _options.User);
        var key = RandomNumberGenerator.GetBytes(32);
        using var discarded = new LiveLog(TextWriter.Null);
        var options = _options with
        {
            Api = null,
            Keys = _options.DryRun ? null : () => TradingKeys.FromSettings(new Dictionary<string, string> { [TradingKeys.KeyVariable] = Hex.ToPrefixedString(key) }),
            KillSwitchFile = null,
            LatencyFile = null,
            Alarms = null,
            OrderTap = venue,
            // Stamped like the real run when stages are measured, into histograms of its own: the warm-up's orders are not the run's.
            Stages = _options.Stages is null ? null : new Latency.PipelineStages(),
            ExchangeClock = new ExchangeClock(EventClock.Local) { SkewMs = EventClock.SkewMs },
        };
        using var copy = new LivePipeline(options, discarded, _clock, null, venue);
        CryptographicOperations.ZeroMemory(key);
        copy._logging.Start();
        copy._engine.Start(_options.Runtime.EngineCpu, _ => { });
        IWebSocketMessageHandler feed = copy._feed;
        var firstMs = copy.EventClock.GetUtcNow().ToUnixTimeMilliseconds();
        var jitAtStart = JitInfo.GetCompiledMethodCount();
        var ticks = 0;
        while (copy._engine.Fault is null)
        {
            while (ticks > Stopwatch.GetElapsedTime(started).TotalSeconds * WarmUpTicksPerSecond) Thread.Sleep(1);
            foreach (var message in venue.Tick(ticks, firstMs + ticks * WarmUpVenue.StepMs)) feed.OnMessage(WebSocketOpcode.Text, message.Span, Stopwatch.GetTimestamp());
            // In step with the copy's engine: the answers of the next tick are to the orders this one made.
            copy._engine.WaitUntilConsumed(copy._sequencer.Cursor.Value);
            ticks++;
            if (ticks >= WarmUpMinTicks && Stopwatch.GetElapsedTime(started) >= duration) break;
        }
        copy._engine.Halt(StopWait);
        copy._logging.Halt(StopWait);
        var report = new WarmUpReport(ticks, copy.Runner.Stats.Events, venue.Frames, venue.Answers, JitInfo.GetCompiledMethodCount() - jitAtStart,
            Stopwatch.GetElapsedTime(started), copy._engine.Fault);
        Write("warm_up", ("events", report.Events), ("orders", report.Orders), ("ms", Math.Round(report.Elapsed.TotalMilliseconds)), ("jit_methods", report.MethodsJitted),
            ("msg", $"warm-up: {report.Events} events in {report.Elapsed.TotalMilliseconds:0} ms"));
        if (report.Fault is { } fault) Write("warning", ("msg", $"the warm-up's engine copy failed ({fault.GetType().Name}: {fault.Message}); the path was warmed up to there"));
        return report;
    }

    /// <summary>
    /// Tells the engine to stop: no more entries, its working orders cancelled; with <paramref name="closeOutFlattens"/> it sends no exit
    /// either, since the close-out's own IOC and a late exit of the engine's would both close the position. Gives up after a second when
    /// the ring stays full (a stuck engine: the watchdog ends the run).
    /// </summary>
    public void RequestShutdown(bool closeOutFlattens)
    {
        if (!Publisher.TryControl(ControlCode.Shutdown, CoinIndex, EventClock.GetUtcNow().ToUnixTimeMilliseconds(), TimeSpan.FromSeconds(1), closeOutFlattens ? 1 : 0))
            Write("warning", ("msg", "the shutdown could not reach the engine: the ring is full"));
    }

    /// <summary>
    /// Clears the dead-man schedule (kept when the watchdog tripped), stops the feed and the services, lets the log catch up and stops
    /// the threads. Every wait is bounded (<see cref="StopWait"/>): a stuck thread is left behind, never waited on forever.
    /// </summary>
    public async Task StopAsync()
    {
        _stopping = true;
        await _deadManStop.CancelAsync();
        await _deadManTask;
        await _background.CancelAsync();
        await Task.WhenAny(Task.WhenAll(_feedTask, _equityTask, _killTask, _clockTask), Task.Delay(StopWait));
        // Let the log thread catch up with the last answers before it stops.
        _logging.WaitUntilConsumed(_engine.Sequence.Value, StopWait);
        if (!_engine.Halt(StopWait)) Write("warning", ("msg", "the engine thread did not stop within the stop wait; left behind"));
        if (_logging.Halt(StopWait)) _latencies?.Dispose();
        _timer.Dispose();
        _watchdog.Dispose();
        Report();
    }

    /// <summary>The engine line of the summary: the slot runner's counters, the sender's, the feed's, the dead-man's, the log's and the GC's since <see cref="Start"/>.</summary>
    public string EngineSummary() =>
        $"{Runner.Stats} local_rejects={SenderCounters.SendFailures} orders_signed={SenderCounters.Sent} full_signatures={SenderCounters.FullSignatures} " +
        $"reconnects={Reconnects} deadman_refreshes={_deadMan?.Refreshes ?? 0} deadman_withheld={DeadManWithheld} log_dropped={_sentIntents.Dropped} " +
        $"log_skipped={LogSkipped} log_lines_dropped={_log.DroppedLines} cancels_held={_gate?.Held ?? 0} cancels_released={_gate?.Released ?? 0} {GcTally.Now() - _gcAtStart}";

    /// <summary>Every part of the run the watchdog checks, each returning why it is dead (null while healthy).</summary>
    private void WatchEverything()
    {
        _watchdog.Watch("engine", () => _engine.Fault is { } fault ? $"halted by {fault.GetType().Name}: {fault.Message}"
            : !_engine.IsRunning && !_stopping ? "stopped" : _progress.Check());
        _watchdog.Watch("log", () => _logging.Fault is { } fault ? $"halted by {fault.GetType().Name}: {fault.Message}"
            : !_logging.IsRunning && !_stopping ? "stopped" : null);
        _watchdog.Watch("timer", () => _timer.Fault is { } fault ? $"died of {fault.GetType().Name}: {fault.Message}"
            : !_timer.IsRunning && !_stopping ? "stopped" : null);
        _watchdog.Watch("feed", () => Ended(_feedTask, mayEnd: false));
        _watchdog.Watch("deadman", () => Ended(_deadManTask, mayEnd: _deadMan is null));
        _watchdog.Watch("equity_poller", () => Ended(_equityTask, mayEnd: _info is null || _options.User is null));
        _watchdog.Watch("clock_skew", () => Ended(_clockTask, mayEnd: _info is null));
        // The watcher ends by itself once the switch is pulled: only a fault is a failure.
        _watchdog.Watch("kill_switch", () => Ended(_killTask, mayEnd: true));
    }

    private string? Ended(Task task, bool mayEnd) =>
        task.IsFaulted ? $"failed: {task.Exception!.GetBaseException().Message}"
        : task.IsCompleted && !mayEnd && !_stopping ? "ended" : null;

    /// <summary>The watchdog's trip (its thread): make the order path safe without the engine, then end the run.</summary>
    private void Trip(string part, string why)
    {
        // Whatever the engine thread does if it wakes up, it sends nothing more.
        _orders.Fence();
        _deadMan?.Abandon();
        // No producer may wait for an engine that will not move again, or the feed, the timer and the shutdown spin forever.
        _sequencer.RemoveGatingSequence(_engine.Sequence);
        _engine.Halt(TimeSpan.Zero);
        // The socket's order writer is gone with the engine: what is left goes over REST.
        _channel.Disable();
        Write("alarm", ("kind", AlarmKind.Watchdog), ("severity", "critical"), ("part", part), ("msg", why));
        _offRingAlarms.Raise(new Alarm(AlarmKind.Watchdog, CoinIndex, _clock.GetUtcNow().ToUnixTimeMilliseconds(), 0));
        _ = CancelEverythingAsync($"{part}: {why}");
    }

    private async Task CancelEverythingAsync(string reason)
    {
        try
        {
            if (Actions is null)
            {
                Write("watchdog_cancel", ("orders", 0), ("msg", _options.DryRun ? "dry run: nothing to cancel" : "no REST endpoint or account: orders are left to the dead-man switch"));
                return;
            }
            using var bounded = new CancellationTokenSource(StopWait * 2);
            var cancelled = await Actions.CancelAllOursAsync(StopWait, bounded.Token).ConfigureAwait(false);
            Write("watchdog_cancel", ("orders", cancelled));
        }
        catch (Exception e)
        {
            Write("watchdog_cancel", ("orders", 0), ("msg", $"cancelling failed ({e.Message}); the dead-man switch (not refreshed any more) cancels at its last scheduled time"));
        }
        finally
        {
            _failure.TrySetResult(reason);
        }
    }

    /// <summary>Every watchdog period (and at the stop): the events the log was lapped on and the lines its sink dropped, when they grew.</summary>
    private void Report()
    {
        var skipped = _logging.Skipped;
        if (skipped != _logSkippedReported)
        {
            Write("log_skipped", ("events", skipped - _logSkippedReported), ("total", skipped));
            _logSkippedReported = skipped;
        }
        var dropped = _log.DroppedLines;
        if (dropped != _logDroppedReported)
        {
            Write("log_lines_dropped", ("lines", dropped - _logDroppedReported), ("total", dropped));
            _logDroppedReported = dropped;
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _watchdog.Dispose();
        if (!_logging.IsRunning) _latencies?.Dispose();
        _orderSigner?.Dispose();
        _exchangeKey?.Dispose();
        _orderKey?.Dispose();
        _background.Dispose();
        _deadManStop.Dispose();
    }

    private RingEventSink Sink() => new(_ring, _sequencer);

    /// <summary>Asks the engine thread to write the frames other threads queued for the socket; a full ring needs no wake (the engine flushes after every batch).</summary>
    private void WakeOrderWriter() => Publisher.TryControl(ControlCode.SendQueued, CoinIndex, EventClock.GetUtcNow().ToUnixTimeMilliseconds(), TimeSpan.Zero);

    private FeedSupervisor<RingEventSink> BuildFeed()
    {
        var coins = new CoinTable(_options.Coin);
        var codec = new HlCodec(coins, line => Write("warning", ("msg", line))) { OnPostResponse = PostResponseRouter.Create(_sender, Exchange) };
        var feed = new FeedSupervisor<RingEventSink>(new FeedOptions(_options.WebSocket) { Clock = _options.EventClock, IoCpu = _options.Runtime.IoCpu }, codec, Sink(), line => Write("feed", ("msg", line)));
        if (_options.Stages is { } stages)
        {
            feed.OnMessageParsed = (kind, _, received) =>
            {
                if (kind == HlMessageKind.L2Book && received >= Volatile.Read(ref Context.MeasureFrom)) stages.WireToPublished.Record(received, Stopwatch.GetTimestamp());
            };
        }
        feed.Subscribe(HlSubscription.L2Book(_options.Coin));
        feed.Subscribe(HlSubscription.Trades(_options.Coin));
        if (_options.User is { } user)
        {
            feed.Subscribe(HlSubscription.OrderUpdates(user));
            feed.Subscribe(HlSubscription.UserFills(user));
        }
        feed.ConnectionChanged = connection =>
        {
            if (connection is null)
            {
                _channel.Detach();
                Write("disconnect");
                return;
            }
            _channel.Attach(connection);
            // Cancels decided while the channel was down (a restart's stale adopted entry) go out now, from the engine thread.
            if (_gate is not null) Publisher.Control(ControlCode.OrderChannelUp, CoinIndex, EventClock.GetUtcNow().ToUnixTimeMilliseconds());
            if (Interlocked.Increment(ref _connects) == 1) return;
            Write("reconnect", ("connects", _connects));
            if (Reconnected is { } resync) _ = resync(_background.Token);
        };
        return feed;
    }

    private void Write(string evt, params ReadOnlySpan<(string Key, object? Value)> fields) => _log.Write(LogFmt.Line(_clock.GetUtcNow(), evt, fields));
}
