using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace HlScalper.Bench.Ring;

/// <summary>The project's config, with each ring pair run in four processes of its own.</summary>
/// <remarks>
/// On the project's 2-vCPU VM a two-thread pair settles into one of two steady states for the life of
/// a process (the consumer caught up and re-reading the cursor on every event, or lagging and taking
/// events in batches), 3–8× apart: one process reports one of them as if it were the ring's speed.
/// Four launches put both in the result and in its error columns.
/// </remarks>
public sealed class RingBenchConfig : ManualConfig
{
    public RingBenchConfig()
    {
        Add(new BenchConfig());
        AddJob(Job.Default.WithLaunchCount(4));
    }
}
