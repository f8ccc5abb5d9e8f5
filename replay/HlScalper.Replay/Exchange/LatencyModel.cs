using HlScalper.Replay.Synthetic;

namespace HlScalper.Replay.Exchange;

/// <summary>A latency in milliseconds of simulated time: a constant plus a seeded uniform jitter, or a seeded draw from latencies recorded live.</summary>
/// <remarks>
/// The exchange draws two: order entry (the engine's decision to the matching engine: decides fills) and, when set,
/// response (the exchange's action to its ack or fill reaching the engine: decides how late the strategy reacts; see
/// <see cref="ResponseQueue"/>). Market data reaches the engine at exchange time.
/// </remarks>
public struct LatencyModel
{
    private SplitMix64 _random;
    private readonly long _constantMs;
    private readonly long _jitterMs;
    private readonly long[]? _samples;

    public LatencyModel(long constantMs, long jitterMs, ulong seed)
    {
        (_constantMs, _jitterMs, _random) = (constantMs, jitterMs, new SplitMix64(seed));
        MinimumMs = constantMs;
    }

    /// <summary>Each delay one of <paramref name="samples"/> (recorded live, <see cref="RecordedLatencies"/>), drawn uniformly with replacement by a generator seeded with <paramref name="seed"/>.</summary>
    public LatencyModel(long[] samples, ulong seed)
    {
        if (samples.Length == 0) throw new ArgumentException("no recorded latencies to draw from", nameof(samples));
        (_samples, _random) = (samples, new SplitMix64(seed));
        MinimumMs = samples.Min();
    }

    /// <summary>The smallest delay this model can draw: the driver may run the engine ahead of the exchange by this much.</summary>
    public long MinimumMs { get; }

    /// <summary>The next order's delay: constant + uniform integer in [0, jitter], or a recorded one.</summary>
    public long Next() => _samples is { } samples ? samples[_random.NextLong(samples.Length)]
        : _constantMs + (_jitterMs > 0 ? _random.NextLong(_jitterMs + 1) : 0);
}
