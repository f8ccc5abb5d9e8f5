using HdrHistogram;
using HlScalper.Engine.Metrics;
using Prometheus;

namespace HlScalper.Live.Metrics;

/// <summary>
/// Carries a <see cref="LatencyHistogram"/> (HdrHistogram, written by its one thread) into a Prometheus histogram at scrape time,
/// so the writer never calls the metrics library: each scrape copies the counts, sums them into the Prometheus buckets, and
/// observes what is new since the last scrape. Buckets and count are exact; each bucket's new values are observed at their mean,
/// so the sum is exact to HdrHistogram's 3 digits.
/// </summary>
/// <remarks>Scrape thread only (the registry calls its before-collect callbacks one scrape at a time).</remarks>
public sealed class LatencyExport
{
    /// <summary>1 µs to 1 s in 1-2-5 steps: the tick-to-trade of this engine sits in the tens of microseconds.</summary>
    public static readonly double[] BucketsSeconds =
        [1e-6, 2e-6, 5e-6, 1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 1e-2, 2e-2, 5e-2, 0.1, 0.2, 0.5, 1];

    private readonly Histogram _target;
    private readonly long[] _seenCounts = new long[BucketsSeconds.Length + 1];
    private readonly double[] _seenSums = new double[BucketsSeconds.Length + 1];
    private readonly long[] _counts = new long[BucketsSeconds.Length + 1];
    private readonly double[] _sums = new double[BucketsSeconds.Length + 1];

    public LatencyExport(Histogram target) => _target = target;

    /// <summary>Observes into the Prometheus histogram what <paramref name="source"/> recorded since the last call.</summary>
    public void Update(LatencyHistogram source)
    {
        // A copy: the writer keeps recording while this reads, and the copy's iteration cannot see a half-added value.
        var snapshot = source.Histogram.Copy();
        Array.Clear(_counts);
        Array.Clear(_sums);
        foreach (var v in snapshot.RecordedValues())
        {
            var seconds = v.ValueIteratedTo / 1e9;
            var bucket = Array.BinarySearch(BucketsSeconds, seconds);
            if (bucket < 0) bucket = ~bucket;
            _counts[bucket] += v.CountAtValueIteratedTo;
            _sums[bucket] += seconds * v.CountAtValueIteratedTo;
        }
        for (var i = 0; i < _counts.Length; i++)
        {
            var added = _counts[i] - _seenCounts[i];
            if (added <= 0) continue;
            _target.Observe((_sums[i] - _seenSums[i]) / added, added);
            _seenCounts[i] = _counts[i];
            _seenSums[i] = _sums[i];
        }
    }
}
