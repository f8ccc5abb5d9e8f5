namespace HlScalper.Replay.Synthetic;

/// <summary>Parameters of the built-in BTC-like market; the defaults give one hour of a ~97k book with a 1-USD tick.</summary>
public sealed record SyntheticMarketConfig
{
    public ulong Seed { get; init; } = 42;

    public string Coin { get; init; } = "BTC";

    /// <summary>Start of the stream, Unix ms (2025-01-01T00:00:00Z).</summary>
    public long StartTimeMs { get; init; } = 1_735_689_600_000;

    public long DurationMs { get; init; } = 3_600_000;

    /// <summary>Initial best bid in ticks; below 100,000 so the 5-significant-figure rule keeps the tick at 1 USD.</summary>
    public long StartBidTicks { get; init; } = 97_000;

    /// <summary>One tick in raw price units (1 USD).</summary>
    public long TickRaw { get; init; } = 100_000_000;

    /// <summary>One lot in raw size units (BTC: 5 size decimals).</summary>
    public long LotRaw { get; init; } = 1_000;

    /// <summary>Mean gap between l2Book snapshots (Hyperliquid publishes one per block, about every half second).</summary>
    public double BookIntervalMs { get; init; } = 550;

    /// <summary>Baseline market orders per second (self-excitation roughly doubles it on average).</summary>
    public double TradeRate { get; init; } = 4;

    /// <summary>Hawkes excitation per trade and its decay per second: bursts of order flow.</summary>
    public double TradeExcitation { get; init; } = 0.6;

    public double TradeDecayPerSecond { get; init; } = 1.0;

    public double AddRate { get; init; } = 24;

    /// <summary>Orders per second stepping inside a spread wider than one tick: how fast a gap left by an emptied level closes.</summary>
    public double RefillRate { get; init; } = 3;

    public double CancelRate { get; init; } = 20;

    /// <summary>Stationary standard deviation of log volatility and its mean-reversion time: volatility clustering.</summary>
    public double VolOfVol { get; init; } = 0.5;

    public double VolHalfLifeSeconds { get; init; } = 300;
}
