using HlScalper.Engine.Alarms;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Strategy;
using HlScalper.Live.Account;
using HlScalper.Live.Config;
using HlScalper.Protocol.Keys;

namespace HlScalper.Live;

/// <summary>What one <see cref="LivePipeline"/> trades and how: the market, the strategy and runtime settings, the venue's endpoints and the key.</summary>
public sealed record LivePipelineOptions
{
    /// <summary>The coin's name on the exchange (subscriptions, log lines).</summary>
    public required string Coin { get; init; }

    public required AssetMeta Asset { get; init; }

    /// <summary>Strategy and risk settings, cloid prefix included.</summary>
    public required EngineConfig Engine { get; init; }

    /// <summary>Threads (wait strategy, engine CPU) and the dead-man and equity-poll periods.</summary>
    public required RuntimeSettings Runtime { get; init; }

    public required Uri WebSocket { get; init; }

    /// <summary>REST base (<c>/info</c>, <c>/exchange</c>): the posts' fallback, the dead-man switch and the equity poller; null = none of them.</summary>
    public Uri? Api { get; init; }

    /// <summary>Signing chain: mainnet ("a") or testnet ("b").</summary>
    public bool IsMainnet { get; init; } = true;

    /// <summary>Decide and log, never send; needs no key.</summary>
    public bool DryRun { get; init; }

    /// <summary>Loads a fresh copy of the trading key (one signer per thread that signs); null in a dry run.</summary>
    public Func<TradingKeys>? Keys { get; init; }

    /// <summary>The account whose orders and fills are subscribed to and whose equity is polled; null = market data only.</summary>
    public string? User { get; init; }

    /// <summary>The first cloid counter of this run (unique per start, above every earlier run's).</summary>
    public ulong CounterStart { get; init; }

    /// <summary>Timer event period: the resolution of the engine's timeouts in a quiet market.</summary>
    public TimeSpan TimerPeriod { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The operator's kill switch file (touch it to cancel everything and stop entering); null = none.</summary>
    public string? KillSwitchFile { get; init; }

    /// <summary>Sees every intent after it was sent, on the engine thread (the latency harness maps orders to ticks); null in a live run.</summary>
    public IOrderSink? OrderTap { get; init; }

    /// <summary>Where tick-to-trade is cut into stages (the latency harness); null = no stage stamps taken (a live run).</summary>
    public Latency.PipelineStages? Stages { get; init; }

    /// <summary>Slots of the ring (a power of two).</summary>
    public int RingSize { get; init; } = 4096;

    /// <summary>The exchange's time, as measured at start-up (local clock minus skew); null = the local clock uncorrected (a loopback venue).</summary>
    public ExchangeClock? ExchangeClock { get; init; }

    /// <summary>Where alarms go besides the log (a PagerDuty webhook); null = the log only.</summary>
    public IAlarmSink? Alarms { get; init; }

    /// <summary>Where one row per order (send, exchange and ack times) is written, on the log thread; null = nowhere.</summary>
    public string? LatencyFile { get; init; }

    /// <summary>The wall clock market event times are held to (<see cref="HlScalper.Gateway.Feed.FeedOptions.Clock"/>); null for a venue that plays its own times (the latency harness).</summary>
    public TimeProvider? EventClock { get; init; } = TimeProvider.System;
}
