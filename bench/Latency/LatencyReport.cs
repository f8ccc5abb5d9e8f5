using System.Globalization;
using HdrHistogram;
using HlScalper.Engine.Metrics;

namespace HlScalper.Bench.Latency;

/// <summary>Prints latency histograms as a percentile table and writes each as an HdrHistogram log and a percentile distribution file.</summary>
public static class LatencyReport
{
    public static readonly double[] Percentiles = [50, 90, 99, 99.9];

    public static string Table(IEnumerable<LatencyHistogram> histograms)
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            string.Format(c, "{0,-34} {1,10} {2,9} {3,9} {4,9} {5,9} {6,9}", "latency (µs)", "count", "p50", "p90", "p99", "p99.9", "max"),
        };
        foreach (var h in histograms)
        {
            if (h.Count == 0)
            {
                lines.Add(string.Format(c, "{0,-34} {1,10} {2,9}", h.Name, 0, "-"));
                continue;
            }
            lines.Add(string.Format(c, "{0,-34} {1,10} {2,9:0.0} {3,9:0.0} {4,9:0.0} {5,9:0.0} {6,9:0.0}",
                h.Name, h.Count, h.Micros(50), h.Micros(90), h.Micros(99), h.Micros(99.9), h.MaxMicros));
        }
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>Writes <c>NAME.hlog</c> (HdrHistogram log, readable by HistogramLogReader and the HdrHistogram plotters) and <c>NAME.hgrm</c> (percentile distribution in µs).</summary>
    public static IReadOnlyList<string> WriteFiles(LatencyHistogram histogram, string directory, DateTime startUtc)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, histogram.Name);
        using (var log = File.Create(stem + ".hlog"))
            HistogramLogWriter.Write(log, startUtc, histogram.Histogram);
        using (var text = new StreamWriter(stem + ".hgrm"))
            histogram.Histogram.OutputPercentileDistribution(text, 5, 1000.0, false);
        return [stem + ".hlog", stem + ".hgrm"];
    }
}
