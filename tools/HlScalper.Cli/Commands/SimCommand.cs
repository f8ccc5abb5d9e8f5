using System.CommandLine;
using System.Globalization;
using HlScalper.Cli.Options;
using HlScalper.LocalExchange;
using HlScalper.LocalExchange.Server;
using HlScalper.Protocol.Signing;
using HlScalper.Replay.Exchange;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper sim</c>: a local Hyperliquid exchange on 127.0.0.1 that replays a recording as its market and matches signed orders with the back-tester's queue model.</summary>
public sealed class SimCommand : Verb
{
    private static readonly TimeSpan StatusEvery = TimeSpan.FromSeconds(10);

    private readonly DataOptions _data = new();
    private readonly ExchangeOptions _matching = new(KeyFamily.Matching);
    private readonly SettingsOptions _settings = new(KeyFamily.Matching);
    private readonly Option<double> _speed = Opt.Number("--speed", "replay speed, above 0", 1.0).Check(s => s > 0, "--speed must be above 0");
    private readonly Option<bool> _noLoop = Opt.Flag("--no-loop", "stop the market at the end of the recording (default: replay it again)");
    private readonly Option<int> _port = Opt.Number("--port", "TCP port on 127.0.0.1; 0 picks a free one", 8787).Check(p => p is >= 0 and <= 65535, "--port must be 0..65535");
    private readonly Option<string[]> _account = Opt.Many("--account", "0xADDR[:USDC]: only these accounts exist (repeatable), with USDC (default --equity); without it any signer gets a paper account on its first action");
    private readonly Option<decimal> _equity = Opt.Number("--equity", "starting USDC of each account", 10_000m).Check(e => e >= 0, "--equity must not be negative");
    private readonly Option<int?> _leverage = Opt.OptionalNumber<int>("--leverage", "leverage until updateLeverage (default 20, or the market's maximum if lower)");
    private readonly Option<bool> _testnet = Opt.Flag("--testnet", "verify signatures for the testnet chain (source \"b\")");
    private readonly Option<long> _budget = Opt.Number("--action-budget", "address action budget before volume adds to it", 10_000L).Check(b => b >= 0, "--action-budget must not be negative");
    private readonly Option<double> _idle = Opt.Number("--idle-timeout", "drop a client silent for this many seconds", 60.0).Check(s => s > 0, "--idle-timeout must be above 0");
    private readonly Option<double> _rejectShare = Opt.Number("--reject-share", "fault: reject this share of new orders, 0..1", 0.0).Check(s => s is >= 0 and <= 1, "--reject-share must be between 0 and 1");
    private readonly Option<int> _latency = Opt.Number("--latency-ms", "fault: delay every action's processing by N ms", 0).Check(n => n >= 0, "--latency-ms must not be negative");
    private readonly Option<double> _kick = Opt.Number("--kick-every", "fault: drop every WebSocket every S seconds (0: never)", 0.0).Check(s => s >= 0, "--kick-every must not be negative");
    private readonly Option<double> _stallEvery = Opt.Number("--stall-every", "fault: stall the market data pushes every S seconds ...", 0.0).Check(s => s >= 0, "--stall-every must not be negative");
    private readonly MetricsOptions _metrics = new();
    private readonly Option<int> _stallMs = Opt.Number("--stall-ms", "... for N ms each time", 0).Check(n => n >= 0, "--stall-ms must not be negative");

    public SimCommand() : base("sim", "a local Hyperliquid exchange (REST, WebSocket) replaying a recording: paper trading and tests",
        "A local Hyperliquid exchange on 127.0.0.1: POST /info, POST /exchange, WebSocket /ws (subscribe l2Book, trades, bbo, orderUpdates, " +
        "userFills; ping; post info and action). The recording plays in real time with its times rebased to now (t = start + (tRec - tRec0) / speed), " +
        "looping by default. Every action's signature is recovered to its signer; nonces, tick/lot/min-value rules, post-only, reduce-only, the " +
        "address action budget and scheduleCancel are enforced with the exchange's error texts; orders fill with the back-tester's queue model. " +
        "Once serving it prints 'sim: listening on http://127.0.0.1:PORT ws ws://127.0.0.1:PORT/ws', a status line on stderr every 10 s, and on " +
        "Ctrl-C or SIGTERM the final counters (exit 0).")
    {
        _data.AddTo(this);
        _matching.AddTo(this);
        _settings.AddTo(this);
        foreach (var option in new Option[] { _speed, _noLoop, _port, _account, _equity, _leverage, _testnet, _budget, _idle, _rejectShare, _latency, _kick, _stallEvery, _stallMs })
            Options.Add(option);
        _metrics.AddTo(this);
        Validators.Add(r =>
        {
            if ((r.GetValue(_stallEvery) > 0) != (r.GetValue(_stallMs) > 0)) r.AddError("--stall-every and --stall-ms go together");
        });
    }

    public override int Order => 90;

    public override string HelpEpilog => $"{DataOptions.Formats}\n\n{_settings.Help()}\n\nAdmin endpoints (the fault knobs at run time):\n{AdminEndpoints.Help}";

    protected override async Task<int> RunAsync(VerbRun run, CancellationToken cancel)
    {
        var settings = _settings.Read(run);
        var matching = _matching.Read(run, settings, new SimExchangeConfig { MaxOpenOrders = 1000 });
        var accounts = new Dictionary<EthAddress, decimal>();
        foreach (var (address, usdc) in run.Get(_account).Select(a => ParseAccount(a, run.Get(_equity))))
            if (!accounts.TryAdd(address, usdc)) throw new UsageException($"--account {address} is given twice");
        var market = await _data.Read(run).LoadAsync(run.Err, cancel);
        var asset = market.Asset;
        var leverage = run.Get(_leverage) ?? Math.Min(20, asset.MaxLeverage);
        if (leverage < 1 || leverage > asset.MaxLeverage) throw new UsageException($"--leverage must be 1..{asset.MaxLeverage} for {asset.Name}");
        var options = new LocalExchangeOptions
        {
            Port = run.Get(_port),
            Asset = asset.AssetId < 0 ? asset with { AssetId = 0 } : asset,
            Speed = run.Get(_speed),
            Loop = !run.Get(_noLoop),
            IsMainnet = !run.Get(_testnet),
            Accounts = accounts,
            Equity = run.Get(_equity),
            Matching = matching,
            DefaultLeverage = leverage,
            ActionBudget = run.Get(_budget),
            IdleTimeout = TimeSpan.FromSeconds(run.Get(_idle)),
            RejectShare = run.Get(_rejectShare),
            LatencyMs = run.Get(_latency),
            KickEvery = TimeSpan.FromSeconds(run.Get(_kick)),
            StallEvery = TimeSpan.FromSeconds(run.Get(_stallEvery)),
            StallFor = TimeSpan.FromMilliseconds(run.Get(_stallMs)),
        };

        LocalExchangeServer server;
        try
        {
            server = await LocalExchangeServer.StartAsync(market.Tape.ToEventTape(), options);
        }
        catch (IOException e)
        {
            throw new IOException($"cannot listen on 127.0.0.1:{options.Port}: {e.Message}", e);
        }
        await using (server)
        {
            await using var metrics = await _metrics.StartAsync(run, "sim", () => new SimMetrics(server.Venue).Registry);
            run.Out.WriteLine($"sim: listening on {server.HttpUri.ToString().TrimEnd('/')} ws {server.WebSocketUri}");
            run.Out.Flush();
            run.Err.WriteLine($"sim: {market.Description}, {market.Tape.EventCount:N0} market events, speed {options.Speed.ToString(CultureInfo.InvariantCulture)}, {(options.Loop ? "looping" : "once")}, {(options.Accounts.Count == 0 ? "paper accounts" : $"{options.Accounts.Count} account(s)")}, {(options.IsMainnet ? "mainnet" : "testnet")} signatures; {ExchangeSettings.Describe(matching)}");
            try
            {
                while (true)
                {
                    await Task.Delay(StatusEvery, cancel);
                    run.Err.WriteLine(server.StatusLine());
                }
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: a clean stop.
            }
            run.Out.WriteLine($"sim: stopped; {server.Venue.Locked(() => server.Venue.Counters.Summary(server.Venue.Connections))}");
        }
        return 0;
    }

    private static (EthAddress Address, decimal Usdc) ParseAccount(string text, decimal equity)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var addressText = colon < 0 ? text : text[..colon];
        if (!EthAddress.TryParse(addressText, out var address)) throw new UsageException($"--account '{text}': expected 0xADDR (0x + 40 hex digits), optionally :USDC");
        if (colon < 0) return (address, equity);
        return decimal.TryParse(text[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var usdc) && usdc >= 0
            ? (address, usdc)
            : throw new UsageException($"--account '{text}': the USDC after ':' is not a non-negative number");
    }
}
