using System.CommandLine;
using System.Globalization;
using HlScalper.Cli.Options;
using HlScalper.Engine.Strategy;
using HlScalper.Gateway.Exchange;
using HlScalper.Gateway.Info;
using HlScalper.Live;
using HlScalper.Live.Canary;
using HlScalper.Live.Metrics;
using HlScalper.Live.Config;
using HlScalper.Live.Log;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Info;
using HlScalper.Protocol.Keys;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper live</c>: trades one coin on Hyperliquid (or anything that speaks its protocol, like <c>hlscalper sim</c>); nothing touches real money without <c>--mainnet</c> and a confirmation.</summary>
public sealed class LiveCommand : Verb
{
    /// <summary>Where a mainnet confirmation is read from: the terminal, or null when there is none (redirected input); tests replace it.</summary>
    internal static Func<TextReader?> Terminal { get; set; } = () => Console.IsInputRedirected ? null : Console.In;

    private readonly Option<bool> _mainnet = Opt.Flag("--mainnet", $"trade REAL MONEY on {HlInfoClient.Mainnet} and {MarketFeedOptions.MainnetUrl}; asks for confirmation (or --yes)");
    private readonly Option<bool> _testnet = Opt.Flag("--testnet", $"{HlInfoClient.Testnet} and {MarketFeedOptions.TestnetUrl}; signs for testnet (\"b\")");
    private readonly Option<string?> _api = Opt.OptionalText("--api", "REST base of any server that speaks the protocol (hlscalper sim), with --ws; signs for mainnet unless --testnet");
    private readonly Option<string?> _ws = Opt.OptionalText("--ws", "its WebSocket address, with --api");
    private readonly Option<string> _coin = new("--coin") { Description = "the perp to trade, as the exchange spells it", Required = true };
    private readonly Option<bool> _yes = Opt.Flag("--yes", "on --mainnet: go ahead without asking (after printing what it is about to do)");
    private readonly Option<bool> _dryRun = Opt.Flag("--dry-run", "decide and log every order, send nothing (orders are answered locally as resting and cancelled so the strategy keeps deciding); no key needed");
    private readonly Option<string?> _user = Opt.OptionalText("--user", "with --dry-run: follow this account read-only (its fills, orders and position)");
    private readonly Option<string?> _duration = Opt.OptionalText("--duration", "stop after this long: 60s, 5m, 1h, 250ms or a plain number of seconds (default: until SIGINT/SIGTERM)");
    private readonly Option<string?> _killSwitch = Opt.OptionalText("--kill-switch", "touching this file cancels everything and stops entries");
    private readonly Option<string> _env = Opt.Text("--env", "the .env file read after the environment for HL_PK, HL_ACCOUNT, HL_VAULT (never printed)", ".env");
    private readonly Option<string?> _log = Opt.OptionalText("--log", "write the structured lines to this file instead of stdout (the summary goes to stdout too)");
    private readonly Option<string?> _latencyFile = Opt.OptionalText("--latency-file",
        "write one CSV row per order (local send, exchange and local ack times, µs/ms) to this new file (an existing one is refused), on the log thread; 'backtest --latency-file' replays it");
    private readonly Option<bool> _flatten = Opt.Flag("--flatten-on-exit", "close the position with a reduce-only IOC on exit (runtime key flatten_on_exit)");
    private readonly Option<bool> _canary = Opt.Flag("--canary", $"a canary run: sizes (kelly_fraction, max_equity_pct, max_pos_usd) times --canary-fraction, and a verdict at the end: promote after >= {CanaryVerdict.MinTrades} trades with PnL > 0");
    private readonly Option<double> _canaryFraction = Opt.Number("--canary-fraction", "with --canary: the size fraction, in (0, 1]", 0.1).Check(f => f is > 0 and <= 1, "--canary-fraction must be in (0, 1]");
    private readonly MetricsOptions _metrics = new();
    private readonly (Option<string?> Option, string Key)[] _runtimeFlags =
    [
        (Opt.OptionalText("--wait", "engine thread wait strategy (runtime key wait)"), "wait"),
        (Opt.OptionalText("--engine-cpu", "CPU to pin the engine thread to (engine_cpu)"), "engine_cpu"),
        (Opt.OptionalText("--io-cpu", "CPU to pin the feed's I/O thread (socket receive loop) to (io_cpu)"), "io_cpu"),
        (Opt.OptionalText("--deadman-s", "dead-man switch horizon in seconds (deadman_s)"), "deadman_s"),
        (Opt.OptionalText("--equity-poll-s", "equity poll period in seconds (equity_poll_s)"), "equity_poll_s"),
        (Opt.OptionalText("--leverage", "cross leverage set on start (leverage)"), "leverage"),
        (Opt.OptionalText("--instance", "name that keeps two engines on one account and coin apart (instance)"), "instance"),
        (Opt.OptionalText("--watchdog-stall-s", "end the run when the engine sits this long on waiting events (watchdog_stall_s)"), "watchdog_stall_s"),
    ];
    private readonly SettingsOptions _settings = new(KeyFamily.Engine | KeyFamily.Runtime);

    public LiveCommand() : base("live", "trade one coin: --testnet, --api/--ws (sim) or --mainnet with confirmation; --dry-run sends nothing",
        "Trade one coin live (or --dry-run): feed → engine → signed orders. Choose where with exactly one of --mainnet, --testnet or --api/--ws; " +
        "on mainnet it first prints the account, coin, size cap and equity stop and needs --yes or a typed 'yes'. Start-up loads the coin's metadata, " +
        "measures clock skew (an alarm line above 150 ms), sets cross leverage, takes over the account's dead-man schedule (one left by a run that died would otherwise fire during " +
        "recovery and the warm-up), then recovers before any entry: orders with this engine's cloid prefix " +
        "are adopted (others of ours cancelled as orphans), foreign orders are left alone, the position is adopted so the engine manages its exit. " +
        "Stop (after --duration, SIGINT or SIGTERM): no more entries, our orders cancelled and confirmed (bounded to 10 s), the position closed when " +
        "--flatten-on-exit (the engine then sends no exit of its own), the dead-man schedule cleared, the summary printed. Exit 0 on a clean stop, 1 when it cannot start, 2 on a usage error, " +
        "3 when the watchdog ended the run (the engine or a service died or stalled: alarm, orders cancelled over REST, the dead-man schedule left " +
        "set), 4 when --flatten-on-exit left a position (a failed flatten, or dust below the exchange's minimum order value).")
    {
        foreach (var option in new Option[] { _mainnet, _testnet, _api, _ws, _coin, _yes, _dryRun, _user, _duration, _killSwitch, _env, _log, _latencyFile, _flatten, _canary, _canaryFraction })
            Options.Add(option);
        _metrics.AddTo(this);
        foreach (var (option, _) in _runtimeFlags) Options.Add(option);
        _settings.AddTo(this);
        _duration.Validators.Add(r =>
        {
            if (ParseDuration(r.GetValueOrDefault<string?>() ?? "") is null) r.AddError($"--duration '{r.GetValueOrDefault<string?>()}' is not a positive duration (e.g. 60s, 5m, 1h)");
        });
        Validators.Add(r =>
        {
            var api = r.GetValue(_api) is not null;
            var ws = r.GetValue(_ws) is not null;
            var mainnet = r.GetValue(_mainnet);
            var testnet = r.GetValue(_testnet);
            if (api != ws) r.AddError("--api and --ws go together");
            else if (mainnet && (testnet || api)) r.AddError("--mainnet names its own endpoints; it excludes --testnet and --api/--ws");
            else if (!mainnet && !testnet && !api) r.AddError("say where to trade: --testnet, --api URL --ws URL (e.g. hlscalper sim), or --mainnet for real money");
            if (r.GetValue(_user) is not null && !r.GetValue(_dryRun)) r.AddError("--user follows an account read-only and needs --dry-run");
            if (r.GetValue(_yes) && !mainnet) r.AddError("--yes confirms a --mainnet run; it means nothing here");
            if (r.GetResult(_canaryFraction) is { Implicit: false } && !r.GetValue(_canary)) r.AddError("--canary-fraction goes with --canary");
        });
    }

    public override int Order => 100;

    public override string HelpEpilog => $"""
        {_settings.Help()}
        Flags win over --set, which wins over the --config file (see live.example.toml beside the executable).

        Log: one logfmt line per event, ts=<UTC ISO-8601> evt=<name> key=value...: evt=order (coin side px sz tif ro reason cloid [dry_run=1]),
        cancel_req, cancel_all, ack, fill (coin side px sz fee closed_pnl crossed oid cloid tid xt), cancel, reject, and start, clock_skew(_alarm),
        leverage, adopt, orphan, foreign, recovered, reconnect, disconnect, resynced, equity_stop, kill_switch, stale_feed, alarm, shutdown,
        cancelled_on_exit, flatten, flatten_failed, feed, warning, log_skipped, log_lines_dropped, watchdog_cancel.
        Summary (stdout, on exit): summary: orders=N acks=N fills=N cancels=N rejects=N pnl=X ticktotrade_p50_us=X ticktotrade_p99_us=X, then
        account: and engine: lines (and with --canary: canary: verdict=promote|reject|undecided trades=N pnl=X fraction=F).
        Alarms: with HL_PAGERDUTY_ROUTING_KEY set (environment or --env file; never printed) every alarm is also posted to PagerDuty's
        Events API v2 ({PagerDutyAlarms.UrlVariable} replaces the endpoint). Metrics: --metrics-port (names in ops/prometheus/alerts.yml). pnl = closed PnL minus fees of this run's fills (USDC); tick-to-trade = wire receive → order frame written.
        """;

    protected override async Task<int> RunAsync(VerbRun run, CancellationToken cancel)
    {
        var mainnet = run.Get(_mainnet);
        var testnet = run.Get(_testnet);
        var dryRun = run.Get(_dryRun);
        var coin = run.Get(_coin);
        var user = run.Get(_user);
        var envFile = run.Get(_env);
        var apiUri = Endpoint(run.Get(_api) ?? (testnet ? HlInfoClient.Testnet.ToString() : HlInfoClient.Mainnet.ToString()), "--api", "http", "https");
        var wsUri = Endpoint(run.Get(_ws) ?? (testnet ? MarketFeedOptions.TestnetUrl : MarketFeedOptions.MainnetUrl), "--ws", "ws", "wss");
        if (!apiUri.AbsolutePath.EndsWith('/')) apiUri = new Uri(apiUri + "/");

        var settings = _settings.Read(run);
        var flags = _runtimeFlags.Where(f => run.Get(f.Option) is not null).Select(f => (f.Key, run.Get(f.Option)!)).ToList();
        if (run.Get(_flatten)) flags.Add(("flatten_on_exit", "true"));
        LiveConfig config;
        try
        {
            config = LiveConfig.From([.. settings.Of(KeyFamily.Engine | KeyFamily.Runtime), .. flags], settings.File ?? "--set");
        }
        catch (ConfigException e)
        {
            throw new UsageException(e.Message);
        }

        Func<TradingKeys>? keys = null;
        string? account = null;
        try
        {
            if (!dryRun || user is null)
            {
                using var probe = TradingKeys.Load(envFile);
                account = probe.Account.ToString();
                user ??= dryRun ? account : null;
                keys = () => TradingKeys.Load(envFile);
            }
        }
        catch (KeyFormatException e)
        {
            if (!dryRun)
            {
                run.Err.WriteLine($"hlscalper live: {e.Message} (or use --dry-run)");
                return 1;
            }
        }

        if (run.Get(_latencyFile) is { } latencyFile)
        {
            if (Path.GetDirectoryName(Path.GetFullPath(latencyFile)) is { } folder && !Directory.Exists(folder))
                throw new UsageException($"--latency-file {latencyFile}: the folder {folder} does not exist");
            if (File.Exists(latencyFile))
                throw new UsageException($"--latency-file {latencyFile}: the file exists; give a new name (a run never replaces an earlier recording)");
        }
        if (mainnet && !dryRun && !Confirmed(run, account, coin, config)) return 2;

        using var log = new LiveLog(run.Get(_log) is { } logFile ? new StreamWriter(logFile, append: true) : run.Out);
        using var pagerHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await using var pager = PagerDutyAlarms.Create(envFile, $"hlscalper live {coin} {Environment.MachineName}", coin, pagerHttp, run.Err);
        var engine = new LiveEngine(new LiveRunOptions
        {
            Api = apiUri,
            WebSocket = wsUri,
            Coin = coin,
            IsMainnet = !testnet,
            Config = config,
            DryRun = dryRun,
            Keys = keys,
            User = user,
            Duration = run.Get(_duration) is { } d ? ParseDuration(d) : null,
            KillSwitchFile = run.Get(_killSwitch),
            Alarms = pager,
            CanaryFraction = run.Get(_canary) ? run.Get(_canaryFraction) : null,
            LatencyFile = run.Get(_latencyFile),
        }, log, TimeProvider.System);
        if (pager is not null) run.Err.WriteLine($"hlscalper live: alarms also go to {pager}");
        await using var metrics = await _metrics.StartAsync(run, "live", () => new LiveMetrics(engine, coin).Registry);
        try
        {
            // Ctrl-C and SIGTERM cancel the token (CliApp): the engine stops in order (cancel, flatten, summary).
            await engine.RunAsync(cancel);
        }
        catch (Exception e) when (e is LiveStartException or HlInfoException or ExchangeException)
        {
            run.Err.WriteLine($"hlscalper live: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            run.Err.WriteLine("hlscalper live: stopped before trading started");
            return 0;
        }
        foreach (var line in engine.Summary)
        {
            if (run.Get(_log) is not null) log.Write(line);
            run.Out.WriteLine(line);
        }
        run.Out.Flush();
        await _metrics.LingerAsync(run, "live", metrics);
        if (engine.Failure is { } failure) run.Err.WriteLine($"hlscalper live: the watchdog ended the run: {failure}");
        return engine.ExitCode;
    }

    /// <summary>Says what a mainnet run is about to do and takes --yes or a typed "yes" from the terminal; false (nothing sent) otherwise.</summary>
    private bool Confirmed(VerbRun run, string? account, string coin, LiveConfig config)
    {
        var c = config.Engine;
        run.Err.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hlscalper live: about to trade REAL MONEY on Hyperliquid mainnet: account {account}, coin {coin}, size cap max_pos_usd={c.Get("max_pos_usd")} USDC, "
            + $"equity stop drawdown_pct={c.Get("drawdown_pct")} % from the day's peak, leverage {config.Runtime.Leverage}, dead-man {config.Runtime.DeadManAhead.TotalSeconds:0} s, "
            + $"{(config.Runtime.FlattenOnExit ? "flatten on exit" : "position left open on exit")}."));
        if (run.Get(_yes)) return true;
        if (Terminal() is not { } terminal)
        {
            run.Err.WriteLine("hlscalper live: not confirmed: there is no terminal to ask on; add --yes to confirm. Nothing was sent.");
            return false;
        }
        run.Err.Write("Type yes to start: ");
        run.Err.Flush();
        if (string.Equals(terminal.ReadLine()?.Trim(), "yes", StringComparison.OrdinalIgnoreCase)) return true;
        run.Err.WriteLine("hlscalper live: not confirmed. Nothing was sent.");
        return false;
    }

    /// <summary>"60s", "5m", "1h", "250ms" or a plain number of seconds; null when it is none of them or not positive.</summary>
    internal static TimeSpan? ParseDuration(string text)
    {
        var t = text.Trim();
        var (number, scale) = t.EndsWith("ms", StringComparison.Ordinal) ? (t[..^2], 0.001)
            : t.EndsWith('s') ? (t[..^1], 1.0)
            : t.EndsWith('m') ? (t[..^1], 60.0)
            : t.EndsWith('h') ? (t[..^1], 3600.0)
            : (t, 1.0);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value > 0
            ? TimeSpan.FromSeconds(value * scale)
            : null;
    }

    private static Uri Endpoint(string text, string option, params string[] schemes) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme)
            ? uri
            : throw new UsageException($"{option} '{text}' is not a {string.Join(" or ", schemes.Select(s => s + "://"))} address");
}
