using System.Diagnostics;

namespace HlScalper.Bench.Gate;

/// <summary>A small, fast timer for the regression gate: the best ns/op over several timed samples after a warm-up.</summary>
/// <remarks>
/// The minimum, not the median: interference (another process, a GC, a context switch) only ever adds
/// time, so the fastest sample is the most repeatable estimate of what the code itself costs.
/// BenchmarkDotNet is the instrument for figures; this is the smoke alarm that runs in seconds.
/// </remarks>
public static class QuickTimer
{
    public static readonly TimeSpan WarmUp = TimeSpan.FromMilliseconds(400);

    /// <summary>Times <paramref name="run"/>(n) — which must do n operations — and returns the fastest sample's ns per operation.</summary>
    public static double NsPerOp(Func<int, long> run, int opsPerSample, int samples)
    {
        long sink = 0;
        // Warm up for a while, not a number of calls: the runtime waits ~100 ms after the last tier-0
        // compile before it promotes hot methods, so a short warm-up would time unoptimised code.
        var warm = Stopwatch.GetTimestamp();
        do sink += run(opsPerSample);
        while (Stopwatch.GetElapsedTime(warm) < WarmUp);
        var best = double.MaxValue;
        for (var i = 0; i < samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            sink += run(opsPerSample);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalNanoseconds / opsPerSample);
        }
        GC.KeepAlive(sink);
        return best;
    }
}
