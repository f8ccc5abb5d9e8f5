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
using HlScalper.Live.Account;
using HlScalper.Live.Log;
using HlScalper.Live.Pipeline;
using HlScalper.Live.Producers;
using HlScalper.Protocol.Codec;
using HlScalper.Protocol.Keys;
using HlScalper.Protocol.Signing;

namespace HlScalper.Live;

/// <summary>
/// The one wiring of the live path: feed supervisor → codec → multi-producer ring → engine thread (slot runner: strategy and risk)
/// → order sender → order frames on the feed's own socket; beside it a log thread (the ring's second consumer), a timer
/// thread, and, when the venue's REST endpoint is given, the dead-man switch and the equity poller; the kill-switch file.
/// </summary>
/// <remarks>
/// <c>hlscalper live</c> (through <see cref="LiveEngine"/>, which adds start-up and close-out), the tick-to-trade harness and the
/// end-to-end tests all run this class. Build it, publish anything the engine must see first (recovery) through
/// <see cref="Publisher"/>, <see cref="Start"/> it, and <see cref="StopAsync"/> it.
/// </remarks>
public sealed class LivePipeline : IDisposable
{
    private const int RingSize = 4096;

    /// <summary>The ring index of the traded coin (the pipeline trades one).</summary>
    public const ushort CoinIndex = 0;

    /// <summary>Added to <c>deadman_s</c> when scheduling the cancel: the exchange refuses a time less than 5 s ahead on arrival.</summary>
    public static readonly TimeSpan DeadManMargin = TimeSpan.FromSeconds(1);

    private readonly LivePipelineOptions _options;
    private readonly LiveLog _log;
    private readonly TimeProvider _clock;
    private readonly RingBuffer<MarketEvent> _ring = new(RingSize);
    private readonly MultiProducerSequencer _sequencer;
    private readonly IntentQueue _sentIntents = new();
    private readonly IntentQueue? _dryRunIntents;
    private readonly WebSocketOrderChannel _channel = new();
    private readonly TradingKeys? _exchangeKey;
    private readonly TradingKeys? _orderKey;
    private readonly IDigestSigner? _orderSigner;
    private readonly OrderSender<RingEventSink>? _sender;
    private readonly BatchEventProcessor<MarketEvent, LiveEngineHandler> _engine;
    private readonly BatchEventProcessor<MarketEvent, LogHandler> _logging;
    private readonly TimerPublisher _timer;
    private readonly FeedSupervisor<RingEventSink> _feed;
    private readonly HlInfoClient? _info;
    private readonly CancellationTokenSource _background = new();
    private readonly CancellationTokenSource _deadManStop = new();
    private DeadManSwitch<RingEventSink>? _deadMan;
    private Task _services = Task.CompletedTask;
    private Task _deadManTask = Task.CompletedTask;
    private GcTally _gcAtStart;
    private int _connects;

    /// <param name="http">The REST client of <see cref="LivePipelineOptions.Api"/>; null when there is no REST endpoint.</param>
    public LivePipeline(LivePipelineOptions options, LiveLog log, TimeProvider clock, HttpClient? http = null)
    {
        _options = options;
        _log = log;
        _clock = clock;
        _sequencer = new MultiProducerSequencer(RingSize, WaitStrategies.Create(options.Runtime.Wait));
        Publisher = new RingPublisher(_ring, _sequencer);
        _dryRunIntents = options.DryRun ? new IntentQueue() : null;
        var logger = new OrderLogger(log, options.Coin, CoinIndex, options.DryRun, _sentIntents, clock) { Forward = options.Alarms };
        Counters = logger.Counters;
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
            _sender = new OrderSender<RingEventSink>(new L1ActionSigner(_orderSigner, options.IsMainnet), [options.Asset], _exchangeKey.Vault, nonces, _channel, Sink(),
                clock);
        }
        if (options.Api is not null && http is not null) _info = new HlInfoClient(http, options.Api) { MaxAttempts = 3 };

        IOrderSink orders = _sender is not null ? _sender : new DryRunOrderSink(_dryRunIntents!, clock);
        Runner = new SlotRunner(options.Asset, CoinIndex, options.Engine, new TimedOrderSink(orders, Context, TickToTrade, _sentIntents, clock, options.OrderTap),
            logger.Alarms, options.CounterStart);
        var faults = LoggingExceptionHandler.LogAndHalt(line => Write("error", ("msg", line)));
        _engine = new BatchEventProcessor<MarketEvent, LiveEngineHandler>(_ring, _sequencer.NewBarrier(),
            new LiveEngineHandler(Runner, Context, WireToDecision, _sender), faults, "engine");
        // The log thread sleeps when idle so it never competes with the engine and the socket for a core.
        _logging = new BatchEventProcessor<MarketEvent, LogHandler>(_ring, _sequencer.NewBarrier(new SleepingWaitStrategy()), new LogHandler(logger), faults, "log");
        // Before anything is published: a consumer added later starts at the cursor and would miss the recovery.
        _sequencer.AddGatingSequences(_engine.Sequence, _logging.Sequence);
        _timer = new TimerPublisher(_ring, _sequencer, options.TimerPeriod, CoinIndex, _dryRunIntents, clock);
        _feed = BuildFeed();
    }

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

    /// <summary>Starts the threads, the feed and the services; what was published before is handled first.</summary>
    public void Start()
    {
        // Start-up garbage (metadata, recovery, the ring's 4 MB) goes now, in one blocking collection, rather than in a pause
        // that lands on the first trades.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        _gcAtStart = GcTally.Now();
        _logging.Start();
        _engine.Start(_options.Runtime.EngineCpu, line => Write("warning", ("msg", line)));
        _timer.Start();

        var stop = _background.Token;
        var feedTask = _feed.RunAsync(stop);
        if (Exchange is not null)
        {
            var ahead = _options.Runtime.DeadManAhead;
            _deadMan = new DeadManSwitch<RingEventSink>((action, ct) => Exchange.SendAsync(action, ct), Sink(),
                new DeadManOptions { Ahead = ahead + DeadManMargin, Interval = ahead / 2, AlarmAfter = _options.Engine.Risk.DeadManFailuresBeforeAlarm }, _clock, CoinIndex);
            _deadManTask = _deadMan.RunAsync(_deadManStop.Token);
        }
        var equityTask = _info is not null && _options.User is { } user
            ? new EquityPoller(_info, user, Publisher, _options.Runtime.EquityPoll, _clock, line => Write("warning", ("msg", line))).RunAsync(stop)
            : Task.CompletedTask;
        var killTask = _options.KillSwitchFile is { } file
            ? new KillSwitchWatcher<RingEventSink>(file, Sink(), _clock, TimeSpan.FromMilliseconds(250)).RunAsync(stop)
            : Task.CompletedTask;
        _services = Task.WhenAll(feedTask, equityTask, killTask);
    }

    /// <summary>Tells the engine to stop: no more entries, its working orders cancelled.</summary>
    public void RequestShutdown() => Publisher.Control(ControlCode.Shutdown, CoinIndex, _clock.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>Clears the dead-man schedule, stops the feed and the services, lets the log catch up and stops the threads.</summary>
    public async Task StopAsync()
    {
        await _deadManStop.CancelAsync();
        await _deadManTask;
        await _background.CancelAsync();
        await _services;
        // Let the log thread catch up with the last answers before it stops.
        _logging.WaitUntilConsumed(_sequencer.Cursor.Value);
        _engine.Halt();
        _logging.Halt();
        _timer.Dispose();
    }

    /// <summary>The engine line of the summary: the slot runner's counters, the sender's, the feed's, the dead-man's and the GC's since <see cref="Start"/>.</summary>
    public string EngineSummary() =>
        $"{Runner.Stats} local_rejects={SenderCounters.SendFailures} orders_signed={SenderCounters.Sent} full_signatures={SenderCounters.FullSignatures} " +
        $"reconnects={Reconnects} deadman_refreshes={_deadMan?.Refreshes ?? 0} log_dropped={_sentIntents.Dropped} {GcTally.Now() - _gcAtStart}";

    public void Dispose()
    {
        _timer.Dispose();
        _orderSigner?.Dispose();
        _exchangeKey?.Dispose();
        _orderKey?.Dispose();
        _background.Dispose();
        _deadManStop.Dispose();
    }

    private RingEventSink Sink() => new(_ring, _sequencer);

    private FeedSupervisor<RingEventSink> BuildFeed()
    {
        var coins = new CoinTable(_options.Coin);
        var codec = new HlCodec(coins, line => Write("warning", ("msg", line))) { OnPostResponse = PostResponseRouter.Create(_sender, Exchange) };
        var feed = new FeedSupervisor<RingEventSink>(new FeedOptions(_options.WebSocket), codec, Sink(), line => Write("feed", ("msg", line)));
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
            if (Interlocked.Increment(ref _connects) == 1) return;
            Write("reconnect", ("connects", _connects));
            if (Reconnected is { } resync) _ = resync(_background.Token);
        };
        return feed;
    }

    private void Write(string evt, params ReadOnlySpan<(string Key, object? Value)> fields) => _log.Write(LogFmt.Line(_clock.GetUtcNow(), evt, fields));
}
