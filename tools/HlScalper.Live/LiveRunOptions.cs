using HlScalper.Engine.Alarms;
using HlScalper.Live.Config;
using HlScalper.Protocol.Keys;

namespace HlScalper.Live;

/// <summary>Everything one <c>hlscalper live</c> run needs: endpoints, coin, settings, key (or the account to follow in a dry run), and how long.</summary>
public sealed record LiveRunOptions
{
    /// <summary>REST base (<c>/info</c> and <c>/exchange</c> are appended).</summary>
    public required Uri Api { get; init; }

    public required Uri WebSocket { get; init; }

    public required string Coin { get; init; }

    /// <summary>Signing chain: mainnet ("a") or testnet ("b").</summary>
    public bool IsMainnet { get; init; } = true;

    public required LiveConfig Config { get; init; }

    /// <summary>Decide and log, never send; needs no key.</summary>
    public bool DryRun { get; init; }

    /// <summary>Loads a fresh copy of the trading key (one signer per thread that signs); null in a dry run without a key.</summary>
    public Func<TradingKeys>? Keys { get; init; }

    /// <summary>The account to follow read-only in a dry run (orders, fills, position); the key's account otherwise.</summary>
    public string? User { get; init; }

    /// <summary>Stop after this long; null = until SIGINT/SIGTERM.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The operator's kill switch file (touch it to cancel everything and stop entering); null = none.</summary>
    public string? KillSwitchFile { get; init; }

    /// <summary>Also gets every alarm (the PagerDuty webhook); null = the log only.</summary>
    public IAlarmSink? Alarms { get; init; }

    /// <summary>A canary run: sizes scaled by this fraction (0..1] and a promotion verdict at the end; null = a normal run.</summary>
    public double? CanaryFraction { get; init; }

    /// <summary>Timer event period: the resolution of the engine's timeouts in a quiet market.</summary>
    public TimeSpan TimerPeriod { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Sees every intent after it was sent, on the engine thread; null in a live run (tests make it throw to kill the engine).</summary>
    public HlScalper.Engine.Orders.IOrderSink? OrderTap { get; init; }

    /// <summary>Where one row per order (send, exchange and ack times) is written for <c>backtest --latency-file</c>; null = nowhere.</summary>
    public string? LatencyFile { get; init; }

    /// <summary>How long the shutdown waits for cancels (and the flatten) to be confirmed.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
