using HlScalper.Engine.Numbers;
using HlScalper.Protocol.Signing;
using HlScalper.Replay.Exchange;

namespace HlScalper.LocalExchange;

/// <summary>Everything a local exchange run is configured with: market, accounts, limits, fault knobs.</summary>
public sealed record LocalExchangeOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; } = 8787;

    /// <summary>The traded market: its name, asset id and size decimals.</summary>
    public AssetMeta Asset { get; init; } = AssetMeta.BtcPerp;

    /// <summary>Replay speed: recording time runs this many times faster than the wall clock.</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Replay the recording again when it ends, continuing the rebased clock.</summary>
    public bool Loop { get; init; } = true;

    /// <summary>Signature chain: source "a" (mainnet) or "b" (testnet).</summary>
    public bool IsMainnet { get; init; } = true;

    /// <summary>When non-empty, only these accounts exist (address → starting USDC); otherwise any signer gets <see cref="Equity"/> on first action.</summary>
    public IReadOnlyDictionary<EthAddress, decimal> Accounts { get; init; } = new Dictionary<EthAddress, decimal>();

    /// <summary>Starting USDC of an account opened on first action (paper mode).</summary>
    public decimal Equity { get; init; } = 10_000m;

    /// <summary>Queue model and fees, shared with the back-tester; its latency is ignored (actions act when they arrive).</summary>
    public SimExchangeConfig Matching { get; init; } = new() { MaxOpenOrders = 1000 };

    /// <summary>Leverage of a market until the account sends <c>updateLeverage</c>.</summary>
    public int DefaultLeverage { get; init; } = 20;

    /// <summary>Address budget before traded volume adds to it (spec §5: 10 000 requests).</summary>
    public long ActionBudget { get; init; } = 10_000;

    /// <summary>Once the budget is used up, one action per this many ms is still allowed (spec §5: 10 s).</summary>
    public long ThrottledIntervalMs { get; init; } = 10_000;

    /// <summary>A client that sends nothing for this long is dropped (spec §6.2: 60 s).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Refuse reduce-only orders below the $10 minimum too, as a stricter venue does: a position smaller than that (dust after
    /// partial fills) then cannot be closed with an order at all.</summary>
    public bool MinValueForReduceOnly { get; init; }

    /// <summary>Share of new orders rejected on purpose, [0, 1].</summary>
    public double RejectShare { get; init; }

    /// <summary>Delay added before every action is processed.</summary>
    public int LatencyMs { get; init; }

    /// <summary>Drop every WebSocket this often; zero never.</summary>
    public TimeSpan KickEvery { get; init; }

    /// <summary>Stall the market data pushes this often, for <see cref="StallFor"/>; zero never.</summary>
    public TimeSpan StallEvery { get; init; }

    public TimeSpan StallFor { get; init; }

    /// <summary>Seed of the reject-share draws.</summary>
    public int Seed { get; init; } = 1;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Where faults inside the exchange are reported (a bug must not stop it); stderr by default.</summary>
    public Action<string> Log { get; init; } = Console.Error.WriteLine;
}
