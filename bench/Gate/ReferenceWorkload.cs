namespace HlScalper.Bench.Gate;

/// <summary>A fixed CPU-bound workload timed in the same run as every probe, so figures are compared as ratios and a slower machine does not fail the gate.</summary>
/// <remarks>Integer hashing over a cache-resident array: sensitive to clock speed like the engine's code, not to memory bandwidth or the JIT's latest tricks.</remarks>
public static class ReferenceWorkload
{
    private static readonly ulong[] Data = Enumerable.Range(0, 4096).Select(i => (ulong)i * 0x9E3779B97F4A7C15UL).ToArray();

    public static GateProbe Probe { get; } = new("reference", Run, 2_000);

    private static long Run(int n)
    {
        ulong h = 1469598103934665603UL;
        for (var i = 0; i < n; i++)
        {
            var d = Data[i & 4095];
            h = (h ^ d) * 1099511628211UL;
            h ^= h >> 29;
        }
        return (long)h;
    }
}
