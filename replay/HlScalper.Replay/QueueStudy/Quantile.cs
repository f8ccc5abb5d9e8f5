namespace HlScalper.Replay.QueueStudy;

/// <summary>Quantiles of a sample, interpolated between order statistics (the common "type 7" definition).</summary>
public static class Quantile
{
    /// <summary>The <paramref name="q"/>-quantile (0…1) of <paramref name="values"/>; NaN for an empty sample.</summary>
    public static double Of(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
