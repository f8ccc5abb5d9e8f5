using HlScalper.Engine.Events;
using HlScalper.Engine.Metrics;
using HlScalper.Engine.Numbers;
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
using HlScalper.Live.Engine;
using HlScalper.Live.Log;
using HlScalper.Live.Recovery;
using HlScalper.Live.Services;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Codec;
using HlScalper.Protocol.Info;
using HlScalper.Protocol.Keys;
using HlScalper.Protocol.Signing;

namespace HlScalper.Live;

/// <summary>
/// One live run, wired on dedicated threads: feed supervisor (l2Book, trades, orderUpdates, userFills) → codec → multi-producer
/// ring → engine thread (slot runner: strategy and risk) → order sender → order frames on the feed's own socket; a log
/// thread (second ring consumer), a timer thread, the dead-man switch, the equity poller and the kill switch beside it.
/// </summary>
/// <remarks>
/// Start-up: metadata, clock skew, leverage, then recovery (adopt our orders and the position, cancel orphans) before the engine
/// sees a single book. Stop (duration, SIGINT, SIGTERM): the engine is told to shut down (no entries, cancel working), every order
/// of ours still open is cancelled and confirmed, the position is flattened when asked, the dead-man schedule is cleared, then the
/// threads stop and the summary is printed.
/// </remarks>
public sealed class LiveEngine(LiveRunOptions options, LiveLog log, TimeProvider clock)
{
    private const int RingSize = 4096;
    private const ushort Coin = 0;

    /// <summary>Added to <c>deadman_s</c> when scheduling the cancel.</summary>
    public static readonly TimeSpan DeadManMargin = TimeSpan.FromSeconds(1);

    public LiveCounters Counters { get; private set; } = new();

    public LatencyHistogram TickToTrade { get; } = new("tick-to-trade");

    /// <summary>The summary lines of the finished run.</summary>
    public IReadOnlyList<string> Summary { get; private set; } = [];

    public async Task RunAsync(CancellationToken stop)
    {
        var config = options.Config;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var info = new HlInfoClient(http, options.Api) { MaxAttempts = 3 };
        var asset = await LoadAssetAsync(info, stop);
        var skew = await ClockSkew.MeasureAsync(info, options.Coin, clock, 5, stop);
        if (skew.Samples == 0)
            Write("clock_skew_unmeasured", ("reason", $"the exchange returned no timed l2Book for {options.Coin}"));
        else
            Write(Math.Abs(skew.SkewMs) > ClockSkew.AlarmMs ? "clock_skew_alarm" : "clock_skew", ("skew_ms", Math.Round(skew.SkewMs, 1)),
                ("rtt_ms", Math.Round(skew.RoundTripMs, 1)), ("samples", skew.Samples), ("method", "l2book_rtt_min"));

        using var keys = options.DryRun ? null : options.Keys?.Invoke();
        var user = keys?.Account.ToString().ToLowerInvariant() ?? options.User?.ToLowerInvariant();
        if (!options.DryRun && keys is null) throw new LiveStartException("no trading key: set HL_PK (environment or .env), or use --dry-run");
        if (!config.CloidPrefixSet) config.Engine.Strategy.CloidPrefix = CloidPrefixes.For(user ?? "dry-run", options.Coin, config.Runtime.Instance);
        var prefix = config.Engine.Strategy.CloidPrefix;
        var startMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var counterStart = CloidPrefixes.CounterStart(startMs);

        var ring = new RingBuffer<MarketEvent>(RingSize);
        var sequencer = new MultiProducerSequencer(RingSize, WaitStrategies.Create(config.Runtime.Wait));
        var publisher = new RingPublisher(ring, sequencer);
        var sentIntents = new IntentQueue();
        var dryRunIntents = options.DryRun ? new IntentQueue() : null;
        var logger = new OrderLogger(log, options.Coin, Coin, options.DryRun, sentIntents, clock);
        Counters = logger.Counters;

        var channel = new WebSocketOrderChannel();
        var nonces = new NonceSource();
        // Its own key instance: a signer is single-threaded, and this one signs on the engine thread.
        using var orderKey = options.DryRun ? null : options.Keys!();
        using var orderSigner = orderKey is null ? null : Signers.ForOrders(orderKey.Signer, config.Runtime.NoncePool);
        var exchange = keys is null
            ? null
            : new ExchangeClient(http, new Uri(options.Api, "exchange"), new L1ActionSigner(keys.Signer, options.IsMainnet), nonces, keys.Vault, channel);
        var sender = orderSigner is null
            ? null
            : new OrderSender<RingEventSink>(new L1ActionSigner(orderSigner, options.IsMainnet), [asset], keys!.Vault, nonces, channel, new RingEventSink(ring, sequencer), clock);
        var actions = exchange is null ? null : new AccountActions(info, exchange, user!, asset, prefix);

        IOrderSink orders = sender is not null ? sender : new DryRunOrderSink(dryRunIntents!, clock);
        var context = new TickContext();
        var runner = new SlotRunner(asset, Coin, config.Engine, new TimedOrderSink(orders, context, TickToTrade, sentIntents, clock), logger.Alarms, counterStart);
        var engine = new BatchEventProcessor<MarketEvent, LiveEngineHandler>(ring, sequencer.NewBarrier(), new LiveEngineHandler(runner, context, sender), name: "engine");
        // The log thread sleeps when idle so it never competes with the engine and the socket for a core.
        var logging = new BatchEventProcessor<MarketEvent, LogHandler>(ring, sequencer.NewBarrier(new SleepingWaitStrategy()), new LogHandler(logger), name: "log");
        // Before anything is published: a consumer added later starts at the cursor and would miss the recovery.
        sequencer.AddGatingSequences(engine.Sequence, logging.Sequence);
        Write("start", ("coin", options.Coin), ("asset", asset.AssetId), ("sz_decimals", asset.SzDecimals), ("user", user ?? "none"),
            ("dry_run", options.DryRun ? 1 : 0), ("cloid_prefix", $"0x{prefix:x16}"), ("cloid_start", counterStart), ("wait", config.Runtime.Wait),
            ("engine_cpu", config.Runtime.EngineCpu?.ToString() ?? "none"), ("signer", keys?.SignerAddress.ToString() ?? "none"),
            ("order_signer", orderSigner?.Name ?? "none"));

        if (exchange is not null)
        {
            await exchange.SendAsync(new UpdateLeverageAction(asset.AssetId, true, config.Runtime.Leverage), stop);
            Write("leverage", ("coin", options.Coin), ("cross", 1), ("leverage", config.Runtime.Leverage));
        }

        decimal? accountStart = null;
        var reconciler = user is null ? null : new AccountReconciler(options.Api, user, options.Coin, Coin, prefix, publisher, actions, log, clock);
        if (reconciler is not null)
        {
            var snapshot = await reconciler.RecoverAsync(info, stop);
            accountStart = Fixed8.ToDecimal(Fixed8.Parse(snapshot.State.MarginSummary.AccountValue));
            publisher.Equity(snapshot.State, snapshot.TakenUtcMs);
        }

        // Start-up garbage (metadata, recovery, the ring's 4 MB) goes now, in one blocking collection, rather than in a pause
        // that lands on the first trades.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var gcAtStart = GcTally.Now();
        logging.Start();
        engine.Start(config.Runtime.EngineCpu, line => Write("warning", ("msg", line)));
        using var timer = new TimerPublisher(ring, sequencer, options.TimerPeriod, Coin, dryRunIntents, clock);
        timer.Start();

        using var background = new CancellationTokenSource();
        var feed = BuildFeed(ring, sequencer, sender, exchange, channel, user, reconciler, background.Token);
        var feedTask = feed.RunAsync(background.Token);
        using var deadManStop = new CancellationTokenSource();
        var deadManTask = exchange is null ? Task.CompletedTask : DeadMan(exchange, ring, sequencer).RunAsync(deadManStop.Token);
        var equity = user is null ? null : new EquityPoller(info, user, publisher, config.Runtime.EquityPoll, clock, line => Write("warning", ("msg", line)));
        var equityTask = equity?.RunAsync(background.Token) ?? Task.CompletedTask;
        var killTask = options.KillSwitchFile is { } file
            ? new KillSwitchWatcher<RingEventSink>(file, new RingEventSink(ring, sequencer), clock, TimeSpan.FromMilliseconds(250)).RunAsync(background.Token)
            : Task.CompletedTask;

        try
        {
            await Task.Delay(options.Duration ?? Timeout.InfiniteTimeSpan, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // SIGINT/SIGTERM: the orderly stop below.
        }

        Write("shutdown", ("reason", stop.IsCancellationRequested ? "signal" : "duration"));
        publisher.Control(ControlCode.Shutdown, Coin, clock.GetUtcNow().ToUnixTimeMilliseconds());
        if (actions is not null) await CloseOutAsync(actions, prefix, counterStart);
        await deadManStop.CancelAsync();
        await deadManTask;
        await background.CancelAsync();
        await Task.WhenAll(feedTask, equityTask, killTask);
        // Let the log thread catch up with the last answers before it stops.
        logging.WaitUntilConsumed(sequencer.Cursor.Value);
        engine.Halt();
        logging.Halt();
        Counters.Orders += Interlocked.Read(ref _closeOutOrders);

        decimal? accountEnd = null;
        if (user is not null)
        {
            try
            {
                accountEnd = Fixed8.ToDecimal(Fixed8.Parse((await info.ClearinghouseStateAsync(user, CancellationToken.None)).MarginSummary.AccountValue));
            }
            catch (HlInfoException e)
            {
                Write("warning", ("msg", $"final account value unavailable: {e.Message}"));
            }
        }
        Summary = LiveSummary.Lines(Counters, TickToTrade, accountStart, accountEnd,
            $"{runner.Stats} local_rejects={sender?.SendFailures ?? 0} orders_signed={sender?.Sent ?? 0} full_signatures={sender?.FullSignatures ?? 0} " +
            $"reconnects={feed.Counters.Reconnects} deadman_refreshes={_deadMan?.Refreshes ?? 0} log_dropped={sentIntents.Dropped} {GcTally.Now() - gcAtStart}");
    }

    private DeadManSwitch<RingEventSink>? _deadMan;

    /// <summary>Orders the close-out sent itself (the flatten), beside the engine's.</summary>
    private long _closeOutOrders;

    private DeadManSwitch<RingEventSink> DeadMan(ExchangeClient exchange, RingBuffer<MarketEvent> ring, Sequencer sequencer)
    {
        // The exchange refuses a time less than 5 s ahead on arrival: a second more covers transit and clock skew.
        var deadline = options.Config.Runtime.DeadManAhead;
        _deadMan = new DeadManSwitch<RingEventSink>((action, ct) => exchange.SendAsync(action, ct), new RingEventSink(ring, sequencer),
            new DeadManOptions { Ahead = deadline + DeadManMargin, Interval = deadline / 2, AlarmAfter = options.Config.Engine.Risk.DeadManFailuresBeforeAlarm }, clock, Coin);
        return _deadMan;
    }

    private FeedSupervisor<RingEventSink> BuildFeed(RingBuffer<MarketEvent> ring, Sequencer sequencer, OrderSender<RingEventSink>? sender, ExchangeClient? exchange,
        WebSocketOrderChannel channel, string? user, AccountReconciler? reconciler, CancellationToken ct)
    {
        var coins = new CoinTable(options.Coin);
        var codec = new HlCodec(coins, line => Write("warning", ("msg", line))) { OnPostResponse = PostResponseRouter.Create(sender, exchange) };
        var feed = new FeedSupervisor<RingEventSink>(new FeedOptions(options.WebSocket), codec, new RingEventSink(ring, sequencer), line => Write("feed", ("msg", line)));
        feed.Subscribe(HlSubscription.L2Book(options.Coin));
        feed.Subscribe(HlSubscription.Trades(options.Coin));
        if (user is not null)
        {
            feed.Subscribe(HlSubscription.OrderUpdates(user));
            feed.Subscribe(HlSubscription.UserFills(user));
        }
        var connects = 0;
        feed.ConnectionChanged = connection =>
        {
            if (connection is null)
            {
                channel.Detach();
                Write("disconnect");
                return;
            }
            channel.Attach(connection);
            if (Interlocked.Increment(ref connects) == 1) return;
            Write("reconnect", ("connects", connects));
            if (reconciler is not null) _ = reconciler.ResyncAsync(ct);
        };
        return feed;
    }

    /// <summary>The stop: cancel every order of ours (confirmed), flatten when asked, bounded by the shutdown timeout.</summary>
    private async Task CloseOutAsync(AccountActions actions, ulong prefix, ulong counterStart)
    {
        using var bounded = new CancellationTokenSource(options.ShutdownTimeout);
        try
        {
            // Give the engine a moment to act on the shutdown itself, so its own cancels are not raced.
            await Task.Delay(300, bounded.Token);
            var cancelled = await actions.CancelAllOursAsync(options.ShutdownTimeout / 2, bounded.Token);
            Write("cancelled_on_exit", ("orders", cancelled));
            if (options.Config.Runtime.FlattenOnExit)
            {
                // Cloids just below this run's counter start: above every earlier run's, never one this run used.
                var next = counterStart;
                var left = await actions.FlattenAsync(() => Cloid.FromPrefix(prefix, --next), 3, intent =>
                {
                    Interlocked.Increment(ref _closeOutOrders);
                    log.Write(LogFmt.Intent(new SubmittedIntent { Intent = intent, SentUtcMs = clock.GetUtcNow().ToUnixTimeMilliseconds() }, options.Coin, dryRun: false));
                }, bounded.Token);
                Write("flatten", ("position_left", Fixed8.ToString(left)));
            }
        }
        catch (Exception e) when (e is HlInfoException or ExchangeException or OperationCanceledException)
        {
            Write("warning", ("msg", $"closing out on exit did not finish: {e.Message}"));
        }
    }

    private async Task<AssetMeta> LoadAssetAsync(HlInfoClient info, CancellationToken ct)
    {
        PerpMeta meta;
        try
        {
            meta = await info.MetaAsync(ct);
        }
        catch (HlInfoException e)
        {
            throw new LiveStartException($"cannot load the exchange's metadata from {options.Api}: {e.Message}", e);
        }
        var index = meta.Universe.FindIndex(a => a.Name == options.Coin);
        if (index < 0) throw new LiveStartException($"the exchange lists no perp '{options.Coin}' (it has {string.Join(", ", meta.Universe.Take(10).Select(a => a.Name))}…)");
        var a = meta.Universe[index];
        return new AssetMeta(a.Name, index, a.SzDecimals, a.MaxLeverage);
    }

    private void Write(string evt, params ReadOnlySpan<(string Key, object? Value)> fields) => log.Write(LogFmt.Line(clock.GetUtcNow(), evt, fields));
}
