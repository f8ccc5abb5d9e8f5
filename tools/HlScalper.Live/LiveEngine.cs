using HlScalper.Engine.Alarms;
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
using HlScalper.Live.Account;
using HlScalper.Live.Canary;
using HlScalper.Live.Log;
using HlScalper.Live.Pipeline;
using HlScalper.Live.Producers;
using HlScalper.Live.Recovery;
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
    /// <summary>Exit code of a run the watchdog ended (an engine or service died or stalled): orders were cancelled without the engine.</summary>
    public const int ExitWatchdog = 3;

    /// <summary>Exit code of a run that asked to flatten and still holds a position at the end (the flatten failed or was refused).</summary>
    public const int ExitPositionLeft = 4;

    public LiveCounters Counters { get; private set; } = new();

    /// <summary>0 after a clean stop, else <see cref="ExitWatchdog"/> or <see cref="ExitPositionLeft"/>.</summary>
    public int ExitCode { get; private set; }

    /// <summary>Why the watchdog ended the run ("part: why"); null when it did not.</summary>
    public string? Failure { get; private set; }

    public LatencyHistogram TickToTrade { get; private set; } = new("tick-to-trade");

    /// <summary>The engine's clock (exchange time, ms) when the run began to stop.</summary>
    public long EngineTimeMs { get; private set; }

    /// <summary>The running pipeline (null before start-up has built it): what a metrics scrape reads.</summary>
    public LivePipeline? Pipeline { get; private set; }

    /// <summary>Clock skew measured at start, ms (positive = ours ahead); null until measured.</summary>
    public double? ClockSkewMs { get; private set; }

    /// <summary>The canary's verdict once the run stopped; null when not a canary run or still running.</summary>
    public CanaryVerdict? Canary { get; private set; }

    /// <summary>The summary lines of the finished run.</summary>
    public IReadOnlyList<string> Summary { get; private set; } = [];

    public async Task RunAsync(CancellationToken stop)
    {
        var config = options.Config;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var info = new HlInfoClient(http, options.Api) { MaxAttempts = 3 };
        var asset = await LoadAssetAsync(info, stop);
        var skew = await ClockSkew.MeasureAsync(info, options.Coin, clock, 5, stop);
        if (skew.Samples > 0) ClockSkewMs = skew.SkewMs;
        var skewAlarm = skew.Samples > 0 && Math.Abs(skew.SkewMs) > ClockSkew.AlarmMs;
        if (skew.Samples == 0)
            Write("clock_skew_unmeasured", ("reason", $"the exchange returned no timed l2Book for {options.Coin}"));
        else
            Write(skewAlarm ? "clock_skew_alarm" : "clock_skew", ("skew_ms", Math.Round(skew.SkewMs, 1)),
                ("rtt_ms", Math.Round(skew.RoundTripMs, 1)), ("samples", skew.Samples), ("method", "l2book_rtt_min"));
        // Events the run makes itself carry exchange time from here on: the local clock corrected by the skew.
        var exchangeClock = new ExchangeClock(clock) { SkewMs = skew.Samples > 0 ? skew.SkewMs : 0 };

        using var keys = options.DryRun ? null : options.Keys?.Invoke();
        var user = keys?.Account.ToString().ToLowerInvariant() ?? options.User?.ToLowerInvariant();
        if (!options.DryRun && keys is null) throw new LiveStartException("no trading key: set HL_PK (environment or .env), or use --dry-run");
        if (!config.CloidPrefixSet) config.Engine.Strategy.CloidPrefix = CloidPrefixes.For(user ?? "dry-run", options.Coin, config.Runtime.Instance);
        var prefix = config.Engine.Strategy.CloidPrefix;
        var startMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var counterStart = CloidPrefixes.CounterStart(startMs);
        if (options.CanaryFraction is { } fraction) CanaryVerdict.Scale(config.Engine, fraction);

        using var pipeline = new LivePipeline(new LivePipelineOptions
        {
            Coin = options.Coin,
            Asset = asset,
            Engine = config.Engine,
            Runtime = config.Runtime,
            WebSocket = options.WebSocket,
            Api = options.Api,
            IsMainnet = options.IsMainnet,
            DryRun = options.DryRun,
            Keys = options.Keys,
            User = user,
            CounterStart = counterStart,
            TimerPeriod = options.TimerPeriod,
            KillSwitchFile = options.KillSwitchFile,
            Alarms = options.Alarms,
            ExchangeClock = exchangeClock,
            OrderTap = options.OrderTap,
            LatencyFile = options.LatencyFile,
        }, log, clock, http);
        Pipeline = pipeline;
        Counters = pipeline.Counters;
        if (skewAlarm) pipeline.RaiseAlarm(new Alarm(AlarmKind.ClockSkew, LivePipeline.CoinIndex, clock.GetUtcNow().ToUnixTimeMilliseconds(), skew.SkewMs));
        TickToTrade = pipeline.TickToTrade;
        var exchange = pipeline.Exchange;
        var actions = pipeline.Actions;
        Write("start", ("coin", options.Coin), ("asset", asset.AssetId), ("sz_decimals", asset.SzDecimals), ("user", user ?? "none"),
            ("dry_run", options.DryRun ? 1 : 0), ("cloid_prefix", $"0x{prefix:x16}"), ("cloid_start", counterStart), ("wait", config.Runtime.Wait),
            ("engine_cpu", config.Runtime.EngineCpu?.ToString() ?? "none"), ("io_cpu", config.Runtime.IoCpu?.ToString() ?? "none"), ("signer", keys?.SignerAddress.ToString() ?? "none"),
            ("order_signer", pipeline.OrderSigner ?? "none"));

        if (exchange is not null)
        {
            await exchange.SendAsync(new UpdateLeverageAction(asset.AssetId, true, config.Runtime.Leverage), stop);
            Write("leverage", ("coin", options.Coin), ("cross", 1), ("leverage", config.Runtime.Leverage));
            await pipeline.TakeOverDeadManAsync(stop);
        }

        decimal? accountStart = null;
        if (user is not null)
        {
            var reconciler = new AccountReconciler(options.Api, user, options.Coin, LivePipeline.CoinIndex, prefix, pipeline.Publisher, actions, log, clock, exchangeClock);
            var snapshot = await reconciler.RecoverAsync(info, stop);
            accountStart = Fixed8.ToDecimal(Fixed8.Parse(snapshot.State.MarginSummary.AccountValue));
            pipeline.Publisher.Equity(snapshot.State, snapshot.TakenUtcMs);
            pipeline.Reconnected = reconciler.ResyncAsync;
        }

        pipeline.Start();
        using (var ended = CancellationTokenSource.CreateLinkedTokenSource(stop))
        {
            var duration = Task.Delay(options.Duration ?? Timeout.InfiniteTimeSpan, ended.Token);
            // Never go on inside the canceller's Cancel() (the SIGTERM handler, the linked source): the stop runs on the pool, and
            // `ended` is not disposed while its own cancellation is still running.
            await Task.WhenAny(duration, pipeline.Failure).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
            await ended.CancelAsync();
        }

        Failure = pipeline.Tripped;
        EngineTimeMs = pipeline.Runner.NowMs;
        Write("shutdown", ("reason", Failure is not null ? "watchdog" : stop.IsCancellationRequested ? "signal" : "duration"));
        // After a trip the engine is gone and its orders were cancelled over REST; the close-out below checks again and flattens.
        if (Failure is null) pipeline.RequestShutdown(closeOutFlattens: actions is not null && config.Runtime.FlattenOnExit);
        else await pipeline.Failure;
        var (positionLeft, refusal) = actions is null ? (0L, null) : await CloseOutAsync(actions, prefix, counterStart);
        await pipeline.StopAsync();
        Counters.Orders += Interlocked.Read(ref _closeOutOrders);
        ExitCode = Failure is not null ? ExitWatchdog : positionLeft != 0 ? ExitPositionLeft : 0;
        var exitRefused = pipeline.Runner.Stats.GaveUpOn(OrderRole.Exit);
        var position = LiveSummary.PositionLine(positionLeft != 0 ? positionLeft : config.Runtime.FlattenOnExit ? 0 : pipeline.Runner.Position.SizeRaw, exitRefused,
            refusal);

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
        Summary = [.. LiveSummary.Lines(Counters, TickToTrade, accountStart, accountEnd, pipeline.EngineSummary()), .. position is null ? [] : new[] { position }];
        if (options.CanaryFraction is { } canary)
        {
            Canary = CanaryVerdict.Judge(pipeline.Runner.Stats.Trades, Counters.Pnl, canary);
            Write("canary_verdict", ("verdict", Canary.Value.Name), ("trades", Canary.Value.Trades), ("pnl", Canary.Value.Pnl), ("fraction", canary));
            Summary = [.. Summary, Canary.Value.Line];
        }
        // The summary goes to stdout after the log lines queued before it.
        log.Flush(LiveLog.DrainTimeout);
    }

    /// <summary>Orders the close-out sent itself (the flatten), beside the engine's.</summary>
    private long _closeOutOrders;

    /// <summary>The stop: cancel every order of ours (confirmed), flatten when asked, bounded by the shutdown timeout. Returns the
    /// position left when a flatten was asked for and did not finish (raw; 0 when flat or not asked) and the exchange's refusal.</summary>
    private async Task<(long PositionLeft, string? Refusal)> CloseOutAsync(AccountActions actions, ulong prefix, ulong counterStart)
    {
        using var bounded = new CancellationTokenSource(options.ShutdownTimeout);
        var flatten = options.Config.Runtime.FlattenOnExit;
        try
        {
            // Give the engine a moment to act on the shutdown itself, so its own cancels are not raced.
            await Task.Delay(300, bounded.Token);
            var cancelled = await actions.CancelAllOursAsync(options.ShutdownTimeout / 2, bounded.Token);
            Write("cancelled_on_exit", ("orders", cancelled));
            if (!flatten) return (0, null);
            // Cloids just below this run's counter start: above every earlier run's, never one this run used.
            var next = counterStart;
            var (left, refusal) = await actions.FlattenAsync(() => Cloid.FromPrefix(prefix, --next), 3, intent =>
            {
                Interlocked.Increment(ref _closeOutOrders);
                log.Write(LogFmt.Intent(new SubmittedIntent { Intent = intent, SentUtcMs = clock.GetUtcNow().ToUnixTimeMilliseconds() }, options.Coin, dryRun: false));
            }, bounded.Token);
            Write(left == 0 ? "flatten" : "flatten_failed", ("position_left", Fixed8.ToString(left)), ("refused", refusal));
            return (left, refusal);
        }
        catch (Exception e) when (e is HlInfoException or ExchangeException or OperationCanceledException)
        {
            Write(flatten ? "flatten_failed" : "warning", ("msg", $"closing out on exit did not finish: {e.Message}"));
            return (flatten ? await PositionOrUnknownAsync(actions) : 0, null);
        }
    }

    /// <summary>The position after a close-out that failed half-way; <see cref="long.MaxValue"/> when even that cannot be read (assume the worst).</summary>
    private static async Task<long> PositionOrUnknownAsync(AccountActions actions)
    {
        try
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            return await actions.PositionAsync(bounded.Token);
        }
        catch (Exception e) when (e is HlInfoException or OperationCanceledException)
        {
            return long.MaxValue;
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
