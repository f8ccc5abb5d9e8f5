using System.Diagnostics;
using HdrHistogram;

namespace HlScalper.Engine.Metrics;

/// <summary>An HdrHistogram of latencies in nanoseconds (1 ns to 10 s, 3 significant digits), fed with Stopwatch timestamps.</summary>
/// <remarks>Recording is allocation-free; one writer thread per histogram.</remarks>
public sealed class LatencyHistogram(string name)
{
    private static readonly double NsPerTick = 1e9 / Stopwatch.Frequency;

    public string Name { get; } = name;

    public LongHistogram Histogram { get; } = new(10_000_000_000L, 3);

    public long Count => Histogram.TotalCount;

    /// <summary>Records the time from <paramref name="startTimestamp"/> to <paramref name="endTimestamp"/> (Stopwatch ticks).</summary>
    public void Record(long startTimestamp, long endTimestamp)
    {
        var ns = (long)((endTimestamp - startTimestamp) * NsPerTick);
        Histogram.RecordValue(Math.Clamp(ns, 1, 10_000_000_000L));
    }

    /// <summary>The latency at <paramref name="percentile"/> (0–100), in microseconds.</summary>
    public double Micros(double percentile) => Histogram.GetValueAtPercentile(percentile) / 1000.0;

    public double MaxMicros => Histogram.GetMaxValue() / 1000.0;
}
