using System.Globalization;
using HlScalper.LocalExchange;
using HlScalper.LocalExchange.Server;
using HlScalper.Protocol.Signing;
using HlScalper.Replay.Exchange;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper sim</c>: a local Hyperliquid exchange on 127.0.0.1 that replays a recording as its market and matches signed orders with the back-tester's queue model.</summary>
public sealed class SimCommand : ICommand
{
    private static readonly TimeSpan StatusEvery = TimeSpan.FromSeconds(10);

    public string Name => "sim";

    public string Summary => "a local Hyperliquid exchange (REST /info, /exchange, WS /ws) replaying a recording as its market";

    public string Help => $"""
        hlscalper sim [--data FILE...] [--coin C] [--port N] [--speed X] [--no-loop] [--account 0xADDR[:USDC]]...
                      [--equity USD] [--testnet] [--fill touch|queue] [--reject-share F] [--latency-ms N]
                      [--kick-every S] [--stall-every S --stall-ms N]

        Serves the exchange's protocol on 127.0.0.1: POST /info, POST /exchange, WebSocket /ws (subscribe
        l2Book, trades, bbo, orderUpdates, userFills; ping; post info and action). The recording plays in
        real time with its times rebased to now (t = start + (tRec - tRec0) / speed), looping by default.
        Every action's signature is recovered to its signer (mainnet chain "a"; --testnet: "b"); nonces,
        tick/lot/min-value rules, post-only, reduce-only, the address action budget and scheduleCancel are
        enforced with the exchange's error texts. Orders fill with the back-tester's queue model.

        Once serving it prints one line
          sim: listening on http://127.0.0.1:PORT ws ws://127.0.0.1:PORT/ws
        then a status line on stderr every 10 s, and runs until Ctrl-C or SIGTERM, then prints the final
        counters and exits 0.

        Market:
        {ReplayArgs.DataHelp}
          --speed X          replay speed, > 0 (default 1)
          --no-loop          stop the market at the end of the recording (default: replay it again)

        Exchange:
          --port N           TCP port on 127.0.0.1; 0 picks a free one (default 8787)
          --account 0xADDR[:USDC]  only these accounts exist (repeatable), with USDC (default --equity);
                             any other signer gets "User or API Wallet 0x… does not exist."
                             Without it, any signer gets a fresh account on first action (paper mode).
          --equity USD       starting USDC of each account (default 10000)
          --leverage N       leverage until updateLeverage (default 20, or the market's maximum if lower)
          --testnet          verify signatures for the testnet chain (source "b")
          --action-budget N  address action budget before volume adds to it (default 10000)
          --idle-timeout S   drop a client silent for S seconds (default 60)
        {ExchangeArgs.MatchingHelp}

        Faults (the same knobs exist as admin endpoints):
          --reject-share F   reject that share of new orders (0..1, default 0)
          --latency-ms N     delay every action's processing by N ms (default 0)
          --kick-every S     drop every WebSocket every S seconds (default never)
          --stall-every S    stall the market data pushes every S seconds ...
          --stall-ms N       ... for N ms each time

        Admin endpoints:
        {AdminEndpoints.Help}
        """;

    public async Task<int> RunAsync(CommandArgs args, CancellationToken cancel)
    {
        var data = ReplayArgs.Read(args);
        var options = ReadOptions(args, data);
        args.RejectUnknown();

        var tape = await data.LoadAsync(Console.Error, cancel);
        LocalExchangeServer server;
        try
        {
            server = await LocalExchangeServer.StartAsync(tape, options);
        }
        catch (IOException e)
        {
            throw new IOException($"cannot listen on 127.0.0.1:{options.Port}: {e.Message}", e);
        }
        await using (server)
        {
            Console.WriteLine($"sim: listening on {server.HttpUri.ToString().TrimEnd('/')} ws {server.WebSocketUri}");
            Console.Out.Flush();
            Console.Error.WriteLine($"sim: {data.Describe()}, {tape.Count:N0} market events, speed {options.Speed.ToString(CultureInfo.InvariantCulture)}, {(options.Loop ? "looping" : "once")}, {(options.Accounts.Count == 0 ? "paper accounts" : $"{options.Accounts.Count} account(s)")}, {(options.IsMainnet ? "mainnet" : "testnet")} signatures");
            try
            {
                while (true)
                {
                    await Task.Delay(StatusEvery, cancel);
                    Console.Error.WriteLine(server.StatusLine());
                }
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: a clean stop.
            }
            Console.WriteLine($"sim: stopped; {server.Venue.Locked(() => server.Venue.Counters.Summary(server.Venue.Connections))}");
        }
        return 0;
    }

    private static LocalExchangeOptions ReadOptions(CommandArgs args, ReplayArgs data)
    {
        var equity = (decimal)args.Double("equity", 10_000);
        var speed = args.Double("speed", 1);
        var port = args.Int("port", 8787);
        var share = args.Double("reject-share", 0);
        var latency = args.Int("latency-ms", 0);
        var kick = args.Double("kick-every", 0);
        var stallEvery = args.Double("stall-every", 0);
        var stallMs = args.Int("stall-ms", 0);
        var idle = args.Double("idle-timeout", 60);
        var budget = args.Long("action-budget", 10_000);
        var loop = !args.Flag("no-loop");
        var testnet = args.Flag("testnet");
        var matching = ExchangeArgs.ReadMatching(args, new SimExchangeConfig { MaxOpenOrders = 1000 });
        var accounts = new Dictionary<EthAddress, decimal>();
        foreach (var (address, usdc) in args.Values("account").Select(a => ParseAccount(a, equity)))
            if (!accounts.TryAdd(address, usdc)) throw new UsageException($"--account {address} is given twice");
        if (speed <= 0) throw new UsageException("--speed must be above 0");
        if (port is < 0 or > 65535) throw new UsageException("--port must be 0..65535");
        if (share is < 0 or > 1) throw new UsageException("--reject-share must be between 0 and 1");
        if (latency < 0 || kick < 0 || stallEvery < 0 || stallMs < 0 || idle <= 0 || budget < 0 || equity < 0)
            throw new UsageException("--latency-ms, --kick-every, --stall-every, --stall-ms, --action-budget and --equity must not be negative; --idle-timeout must be above 0");
        if ((stallEvery > 0) != (stallMs > 0)) throw new UsageException("--stall-every and --stall-ms go together");
        var asset = data.Asset();
        var leverage = args.Int("leverage", Math.Min(20, asset.MaxLeverage));
        if (leverage < 1 || leverage > asset.MaxLeverage) throw new UsageException($"--leverage must be 1..{asset.MaxLeverage} for {asset.Name}");
        return new LocalExchangeOptions
        {
            Port = port,
            Asset = asset.AssetId < 0 ? asset with { AssetId = 0 } : asset,
            Speed = speed,
            Loop = loop,
            IsMainnet = !testnet,
            Accounts = accounts,
            Equity = equity,
            Matching = matching,
            DefaultLeverage = leverage,
            ActionBudget = budget,
            IdleTimeout = TimeSpan.FromSeconds(idle),
            RejectShare = share,
            LatencyMs = latency,
            KickEvery = TimeSpan.FromSeconds(kick),
            StallEvery = TimeSpan.FromSeconds(stallEvery),
            StallFor = TimeSpan.FromMilliseconds(stallMs),
        };
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
