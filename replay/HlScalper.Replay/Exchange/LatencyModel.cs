using HlScalper.Replay.Synthetic;

namespace HlScalper.Replay.Exchange;

/// <summary>Order-entry latency: a constant plus a seeded uniform jitter, in milliseconds of simulated time.</summary>
/// <remarks>
/// Applied to the trip from the engine's decision to the exchange's matching engine. Market data and the
/// exchange's responses reach the engine at exchange time (zero feed delay for both), so the stream
/// the engine sees stays in time order; the one delay that decides fills is the entry delay.
/// </remarks>
public struct LatencyModel(long constantMs, long jitterMs, ulong seed)
{
    private SplitMix64 _random = new(seed);

    public readonly long ConstantMs => constantMs;

    public readonly long JitterMs => jitterMs;

    /// <summary>The smallest delay this model can draw: the driver may run the engine ahead of the exchange by this much.</summary>
    public readonly long MinimumMs => constantMs;

    /// <summary>The next order's delay: constant + uniform integer in [0, jitter].</summary>
    public long Next() => constantMs + (jitterMs > 0 ? _random.NextLong(jitterMs + 1) : 0);
}
