namespace HlScalper.Replay.Exchange;

/// <summary>Parameters of the simulated exchange: fill model, latency, fees.</summary>
public sealed record SimExchangeConfig
{
    /// <summary>Hyperliquid perps base tier (≤ $5M 14-day volume): 0.015 % maker.</summary>
    public const decimal BaseMakerFeeRate = 0.00015m;

    /// <summary>Hyperliquid perps base tier: 0.045 % taker.</summary>
    public const decimal BaseTakerFeeRate = 0.00045m;

    public FillModel Fill { get; init; } = FillModel.Queue;

    /// <summary>Risk-averse: on real per-order data it tracks the true queue at the touch best of the rules (README, "Queue models against real L4 data").</summary>
    public QueueRule QueueRule { get; init; } = QueueRule.RiskAverse;

    /// <summary>The exponent n of <see cref="Exchange.QueueRule.ProbPower"/>.</summary>
    public double QueuePower { get; init; } = 2;

    public long LatencyMs { get; init; } = 50;

    public long LatencyJitterMs { get; init; } = 20;

    public ulong LatencySeed { get; init; } = 7;

    /// <summary>Response latency, constant part: from the exchange's action to its answer (ack, fill, cancel) reaching the engine; 0 with no jitter: answers arrive at exchange time.</summary>
    public long ResponseMs { get; init; }

    public long ResponseJitterMs { get; init; }

    public ulong ResponseSeed { get; init; } = 11;

    /// <summary>Latencies recorded live (<c>live --latency-file</c>): when set, entry and response delays are drawn from them (seeds <see cref="LatencySeed"/> and <see cref="ResponseSeed"/>) instead of the constant + jitter models.</summary>
    public RecordedLatencies? Recorded { get; init; }

    public decimal MakerFeeRate { get; init; } = BaseMakerFeeRate;

    public decimal TakerFeeRate { get; init; } = BaseTakerFeeRate;

    /// <summary>A constant hourly funding rate (0.0000125 = 0.00125 % an hour; longs pay when positive) for coins without a funding series; 0: none.</summary>
    public decimal FundingRate { get; init; }

    /// <summary>Resting orders per account beyond which placements are rejected (TooManyOpenOrdersRejected).</summary>
    public int MaxOpenOrders { get; init; } = 64;

    /// <summary>The first order id handed out; exchanges that must not share ids (one per account) start apart.</summary>
    public long FirstOid { get; init; } = 1_000_000_000;

    /// <summary>The most intents in flight (submitted, not yet at the exchange) at once, and an eighth of the most answers on their way back; the queues start small and grow up to it.</summary>
    public int MaxInFlight { get; init; } = 1024;
}
