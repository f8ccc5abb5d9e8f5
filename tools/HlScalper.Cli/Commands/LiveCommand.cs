using System.Globalization;
using HlScalper.Engine.Ring;
using HlScalper.Engine.Strategy;
using HlScalper.Gateway.Exchange;
using HlScalper.Gateway.Info;
using HlScalper.Live;
using HlScalper.Live.Config;
using HlScalper.Live.Log;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Info;
using HlScalper.Protocol.Keys;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper live</c>: trades one coin on Hyperliquid (or anything that speaks its protocol, like <c>hlscalper sim</c>).</summary>
public sealed class LiveCommand : ICommand
{
    public string Name => "live";

    public string Summary => "trade one coin live (or --dry-run): feed → engine → pre-signed orders, with recovery, dead-man switch and a summary";

    public string Help => $"""
        hlscalper live (--mainnet | --testnet | --api URL --ws URL) --coin C [--config FILE.json|.toml] [--set k=v]...
                       [--dry-run [--user 0xADDR]] [--duration 60s] [--flatten-on-exit] [--wait W] [--engine-cpu N]
                       [--deadman-s S] [--equity-poll-s S] [--leverage N] [--instance NAME] [--kill-switch FILE]
                       [--env FILE] [--log FILE]

        Start-up: loads the coin's metadata (asset id, size decimals), measures clock skew against the exchange (the
        smallest of five REST l2Book round trips: book time vs. the midpoint of send and receive; an alarm line above
        150 ms), sets cross leverage, then recovers before any entry: orders with this engine's cloid prefix are adopted
        (the newest entry and the newest take-profit; other ones of ours are cancelled as orphans), orders on the coin
        without the prefix are foreign and left alone (reported), and the coin's position is adopted so the engine
        manages its exit. The cloid prefix is derived from account, coin and --instance, so a restart finds its own
        orders; the counter starts from the start time, so cloids never repeat. After a reconnect the same snapshot is
        taken again and handed to the engine (orders lost in flight are dropped, missed fills show in the position).

        Stop: after --duration, SIGINT or SIGTERM the engine stops entering and cancels, every order of ours still open
        is cancelled (confirmed, bounded to 10 s), the position is closed with a reduce-only IOC when --flatten-on-exit,
        the dead-man schedule is cleared, and the summary is printed. Exit 0 on a clean stop, 1 when it cannot start
        (unknown coin, unreachable exchange, no key, bad config file), 2 on a usage error, 3 when the watchdog ended the
        run (the engine or a service died or stalled: orders cancelled over REST, the dead-man schedule left set), 4 when
        --flatten-on-exit left a position.

        Endpoints:
          --mainnet            {HlInfoClient.Mainnet} and {FeedArgs.MainnetUrl} (the default)
          --testnet            {HlInfoClient.Testnet} and {FeedArgs.TestnetUrl}; signs for testnet ("b")
          --api URL --ws URL   any server that speaks the protocol (hlscalper sim); signs for mainnet unless --testnet
          --coin C             the perp to trade (required)

        Key: HL_PK (agent or main key), HL_ACCOUNT (the account when HL_PK is an agent), HL_VAULT, from the environment
        or --env FILE (default .env). Never printed.

        Run:
          --dry-run            decide and log every order, send nothing (orders are answered locally as resting and
                               cancelled so the strategy keeps deciding); no key needed
          --user 0xADDR        with --dry-run: follow this account read-only (its fills, orders and position)
          --duration D         stop after D (60s, 5m, 1h; plain number = seconds); default: until SIGINT/SIGTERM
          --kill-switch FILE   touching FILE cancels everything and stops entries
          --log FILE           write the structured lines to FILE instead of stdout (the summary goes to stdout too)

        Settings: a config file (flat JSON object or flat TOML; see tools/HlScalper.Cli/live.example.toml) and --set
        k=v overrides (later wins) take every key below; an unknown key is an error that names it. The runtime options
        also have flags (--wait, --engine-cpu, --deadman-s, --equity-poll-s, --leverage, --instance, --flatten-on-exit),
        which win over both.
        {string.Join('\n', RuntimeSettings.Keys.Select(k => $"  {k.Key,-18} {k.Help}"))}
        {string.Join('\n', EngineConfig.Settings.Select(s => $"  {s.Key,-18} {s.Help}"))}

        Log: one logfmt line per event, `ts=<UTC ISO-8601> evt=<name> key=value...`:
          evt=order        an order sent: coin side(B|A) px sz tif(alo|ioc|gtc) ro reason cloid [dry_run=1]
          evt=cancel_req   a cancel sent: coin cloid|oid reason;  evt=cancel_all  coin reason
          evt=ack          the exchange accepted an order: coin cloid oid status xt(exchange ms)
          evt=fill         one fill: coin side px sz fee closed_pnl crossed oid cloid tid xt
          evt=cancel       an order confirmed cancelled;  evt=reject  an order refused (status names why)
          evt=start, clock_skew(_alarm), leverage, adopt, orphan, foreign, recovered, reconnect, disconnect,
          resynced, equity_stop, kill_switch, stale_feed, alarm, shutdown, cancelled_on_exit, flatten, feed, warning
        Each order logs at most one ack, one cancel and one reject (the exchange answers twice: post and orderUpdates).

        Summary (stdout, on exit):
          summary: orders=N acks=N fills=N cancels=N rejects=N pnl=X ticktotrade_p50_us=X ticktotrade_p99_us=X
          account: value_start=… value_end=… change=… fees=… closed_pnl=… cancel_requests=N ticktotrade_samples=N
          engine: <the engine's counters>
        pnl = closed PnL minus fees of this run's fills (USDC); tick-to-trade = wire receive of the event that caused an
        order → its frame written to the socket (HdrHistogram, µs).
        """;

    public async Task<int> RunAsync(CommandArgs args, CancellationToken cancel)
    {
        var testnet = args.Flag("testnet");
        var mainnet = args.Flag("mainnet");
        var api = args.String("api");
        var ws = args.String("ws");
        var coin = args.String("coin") ?? throw new UsageException("--coin is required (e.g. --coin BTC)");
        var configFile = args.String("config");
        var sets = args.Values("set");
        var dryRun = args.Flag("dry-run");
        var user = args.String("user");
        var duration = args.String("duration") is { } d ? ParseDuration(d) : (TimeSpan?)null;
        var flags = new List<string>();
        foreach (var (flag, key) in new[] { ("wait", "wait"), ("engine-cpu", "engine_cpu"), ("deadman-s", "deadman_s"), ("equity-poll-s", "equity_poll_s"), ("leverage", "leverage"), ("instance", "instance") })
            if (args.String(flag) is { } value) flags.Add($"{key}={value}");
        if (args.Flag("flatten-on-exit")) flags.Add("flatten_on_exit=true");
        var killSwitch = args.String("kill-switch");
        var envFile = args.String("env", ".env");
        var logFile = args.String("log");
        args.RejectUnknown();
        if (args.Positionals.Count > 0) throw new UsageException($"unexpected argument '{args.Positionals[0]}'");
        if (mainnet && testnet) throw new UsageException("--mainnet and --testnet exclude each other");
        if ((api is null) != (ws is null)) throw new UsageException("--api and --ws go together");
        if (mainnet && api is not null) throw new UsageException("--mainnet names its own endpoints; drop --api/--ws");
        if (user is not null && !dryRun) throw new UsageException("--user follows an account read-only and needs --dry-run");
        var apiUri = Endpoint(api ?? (testnet ? HlInfoClient.Testnet.ToString() : HlInfoClient.Mainnet.ToString()), "--api", "http", "https");
        var wsUri = Endpoint(ws ?? (testnet ? FeedArgs.TestnetUrl : FeedArgs.MainnetUrl), "--ws", "ws", "wss");
        if (!apiUri.AbsolutePath.EndsWith('/')) apiUri = new Uri(apiUri + "/");

        LiveConfig config;
        try
        {
            config = LiveConfig.Load(configFile);
        }
        catch (ConfigException e)
        {
            Console.Error.WriteLine($"hlscalper live: {e.Message}");
            return 1;
        }
        try
        {
            config.With(sets).With(flags);
        }
        catch (ConfigException e)
        {
            throw new UsageException(e.Message);
        }

        Func<TradingKeys>? keys = null;
        try
        {
            if (!dryRun || user is null)
            {
                var probe = TradingKeys.Load(envFile);
                user ??= dryRun ? probe.Account.ToString() : null;
                probe.Dispose();
                keys = () => TradingKeys.Load(envFile);
            }
        }
        catch (KeyFormatException e)
        {
            if (!dryRun)
            {
                Console.Error.WriteLine($"hlscalper live: {e.Message} (or use --dry-run)");
                return 1;
            }
        }

        using var log = new LiveLog(logFile is null ? Console.Out : new StreamWriter(logFile, append: true));
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
            Duration = duration,
            KillSwitchFile = killSwitch,
        }, log, TimeProvider.System);
        try
        {
            // Ctrl-C and SIGTERM cancel the token (CliApp): the engine stops in order (cancel, flatten, summary).
            await engine.RunAsync(cancel);
        }
        catch (Exception e) when (e is LiveStartException or HlInfoException or ExchangeException)
        {
            Console.Error.WriteLine($"hlscalper live: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("hlscalper live: stopped before trading started");
            return 0;
        }
        foreach (var line in engine.Summary)
        {
            if (logFile is not null) log.Write(line);
            Console.WriteLine(line);
        }
        Console.Out.Flush();
        if (engine.Failure is { } failure) Console.Error.WriteLine($"hlscalper live: the watchdog ended the run: {failure}");
        return engine.ExitCode;
    }

    /// <summary>"60s", "5m", "1h", "250ms" or a plain number of seconds.</summary>
    internal static TimeSpan ParseDuration(string text)
    {
        var t = text.Trim();
        var (number, scale) = t.EndsWith("ms", StringComparison.Ordinal) ? (t[..^2], 0.001)
            : t.EndsWith('s') ? (t[..^1], 1.0)
            : t.EndsWith('m') ? (t[..^1], 60.0)
            : t.EndsWith('h') ? (t[..^1], 3600.0)
            : (t, 1.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value <= 0)
            throw new UsageException($"--duration '{text}' is not a positive duration (e.g. 60s, 5m, 1h)");
        return TimeSpan.FromSeconds(value * scale);
    }

    private static Uri Endpoint(string text, string option, params string[] schemes) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme)
            ? uri
            : throw new UsageException($"{option} '{text}' is not a {string.Join(" or ", schemes.Select(s => s + "://"))} address");
}
