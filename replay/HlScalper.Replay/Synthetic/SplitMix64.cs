namespace HlScalper.Replay.Synthetic;

/// <summary>A tiny seeded random generator (SplitMix64): the same seed gives the same sequence on every machine and runtime.</summary>
/// <remarks>A mutable struct held in a field: no allocation per draw, unlike <see cref="Random"/> it is pinned to one algorithm forever.</remarks>
public struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="exclusiveMax"/>).</summary>
    public long NextLong(long exclusiveMax) => exclusiveMax <= 0 ? 0 : (long)(NextUInt64() % (ulong)exclusiveMax);

    /// <summary>Exponential with the given mean.</summary>
    public double NextExponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>Standard normal (Box–Muller, one value per call).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
