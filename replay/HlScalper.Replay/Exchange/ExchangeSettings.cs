using System.Globalization;

namespace HlScalper.Replay.Exchange;

/// <summary>The simulated exchange's settings by name (<c>fill</c>, <c>maker_fee</c>, …), so a config file and the command line set them alike.</summary>
public static class ExchangeSettings
{
    /// <summary>Every key with its meaning and default; the matching half (fill model and fees) also drives the local exchange.</summary>
    public static IReadOnlyList<(string Key, string Help, bool Matching)> Keys { get; } =
    [
        ("fill", "touch: filled when the price reaches the order (optimistic); queue: waits behind the visible size at its level (queue)", true),
        ("queue_rule", "how cancels at our level move us up: risk (never), power (prob., x^n), log (prob., ln(1+x)) (risk: nearest the real queues in hlscalper queue-study)", true),
        ("queue_power", "exponent of the power rule (2)", true),
        ("fee_tier", "Hyperliquid perps fee tier: 0 (base) to 6, optionally +mm1..mm3 for a maker rebate, e.g. 4+mm2; sets maker_fee and taker_fee (README: Fee tiers)", true),
        ("maker_fee", "maker fee rate (0.00015, Hyperliquid base tier)", true),
        ("taker_fee", "taker fee rate (0.00045, Hyperliquid base tier)", true),
        ("latency_ms", "order entry latency, constant part, ms (50)", false),
        ("jitter_ms", "plus a uniform jitter of 0..N ms, seeded (20)", false),
        ("latency_seed", "seed of the jitter (7)", false),
        ("response_ms", "response latency, constant part: exchange action to its ack or fill reaching the engine, ms (0: at exchange time)", false),
        ("response_jitter_ms", "plus a uniform jitter of 0..N ms, seeded; answers never overtake each other (0)", false),
        ("response_seed", "seed of the response jitter (11)", false),
        ("funding_rate", "constant hourly funding rate on open positions, longs pay when positive, e.g. 0.0000125 (0: none; --funding FILE gives a series)", false),
    ];

    public static bool IsKey(string key) => Keys.Any(k => string.Equals(k.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary><paramref name="config"/> with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">An unknown key or a value that does not fit it; the message names both.</exception>
    public static SimExchangeConfig With(SimExchangeConfig config, string key, string value) => key.ToLowerInvariant() switch
    {
        "fill" => config with
        {
            Fill = value switch
            {
                "touch" => FillModel.Touch,
                "queue" => FillModel.Queue,
                _ => throw Bad(key, value, "touch or queue"),
            },
        },
        "queue_rule" => config with
        {
            QueueRule = value switch
            {
                "risk" => QueueRule.RiskAverse,
                "power" => QueueRule.ProbPower,
                "log" => QueueRule.ProbLog,
                _ => throw Bad(key, value, "risk, power or log"),
            },
        },
        "queue_power" => config with { QueuePower = (double)Number(key, value, min: 0, exclusive: true) },
        "fee_tier" => Tier(config, key, value),
        "maker_fee" => config with { MakerFeeRate = Number(key, value, min: -0.01m, max: 0.01m) },
        "taker_fee" => config with { TakerFeeRate = Number(key, value, min: -0.01m, max: 0.01m) },
        "latency_ms" => config with { LatencyMs = (long)Whole(key, value) },
        "jitter_ms" => config with { LatencyJitterMs = (long)Whole(key, value) },
        "latency_seed" => config with { LatencySeed = Whole(key, value) },
        "response_ms" => config with { ResponseMs = (long)Whole(key, value) },
        "response_jitter_ms" => config with { ResponseJitterMs = (long)Whole(key, value) },
        "response_seed" => config with { ResponseSeed = Whole(key, value) },
        "funding_rate" => config with { FundingRate = Number(key, value, min: -0.01m, max: 0.01m) },
        _ => throw new ArgumentException($"unknown exchange setting '{key}' (keys: {string.Join(", ", Keys.Select(k => k.Key))})"),
    };

    /// <summary>One line for reports: the model, its latency and fees.</summary>
    public static string Describe(SimExchangeConfig c) => string.Create(CultureInfo.InvariantCulture,
        $"fill={c.Fill.ToString().ToLowerInvariant()}{(c.Fill == FillModel.Queue ? $" rule={c.QueueRule}" : "")} {LatencyText(c)} maker={c.MakerFeeRate} taker={c.TakerFeeRate}{(c.FundingRate != 0 ? $" funding={c.FundingRate}/h" : "")}");

    private static string LatencyText(SimExchangeConfig c) => c.Recorded is { } r
        ? $"latency={r.Describe()} (seeds {c.LatencySeed}, {c.ResponseSeed})"
        : $"latency={c.LatencyMs}+U[0,{c.LatencyJitterMs}] ms (seed {c.LatencySeed}){(c.ResponseMs > 0 || c.ResponseJitterMs > 0 ? $" response={c.ResponseMs}+U[0,{c.ResponseJitterMs}] ms (seed {c.ResponseSeed})" : "")}";

    private static SimExchangeConfig Tier(SimExchangeConfig config, string key, string value)
    {
        try
        {
            var tier = FeeTier.Parse(value);
            return config with { MakerFeeRate = tier.Maker, TakerFeeRate = tier.Taker };
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{key}={value}: {e.Message}");
        }
    }

    private static decimal Number(string key, string value, decimal min, decimal max = decimal.MaxValue, bool exclusive = false) =>
        decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && (exclusive ? d > min : d >= min) && d <= max
            ? d
            : throw Bad(key, value, max == decimal.MaxValue ? $"a number {(exclusive ? "above" : "from")} {min}" : $"a number from {min} to {max}");

    private static ulong Whole(string key, string value) =>
        ulong.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n <= long.MaxValue ? n : throw Bad(key, value, "a whole number, 0 or more");

    private static ArgumentException Bad(string key, string value, string expected) => new($"{key}={value}: expected {expected}");
}
