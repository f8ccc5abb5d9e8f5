using HlScalper.Replay.Synthetic;

namespace HlScalper.Replay.Exchange;

/// <summary>A latency: a constant plus a seeded uniform jitter, in milliseconds of simulated time.</summary>
/// <remarks>
/// The exchange draws two: order entry (the engine's decision to the matching engine: decides fills) and, when set,
/// response (the exchange's action to its ack or fill reaching the engine: decides how late the strategy reacts; see
/// <see cref="ResponseQueue"/>). Market data reaches the engine at exchange time.
/// </remarks>
public struct LatencyModel(long constantMs, long jitterMs, ulong seed)
{
    private SplitMix64 _random = new(seed);

    /// <summary>The smallest delay this model can draw: the driver may run the engine ahead of the exchange by this much.</summary>
    public readonly long MinimumMs => constantMs;

    /// <summary>The next order's delay: constant + uniform integer in [0, jitter].</summary>
    public long Next() => constantMs + (jitterMs > 0 ? _random.NextLong(jitterMs + 1) : 0);
}
