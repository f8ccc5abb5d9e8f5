using HlScalper.Engine.Strategy;

namespace HlScalper.Replay.Sweep;

/// <summary>A parameter grid such as <c>imbalance=0.55,0.6;spread_bps=1,2</c>: every combination of the listed values.</summary>
public sealed class ParamGrid
{
    private ParamGrid(IReadOnlyList<(string Key, string[] Values)> axes) => Axes = axes;

    public IReadOnlyList<(string Key, string[] Values)> Axes { get; }

    public IEnumerable<string> Keys => Axes.Select(a => a.Key);

    public int Count => Axes.Aggregate(1, (n, a) => n * a.Values.Length);

    /// <summary>Parses and checks the grid: every key must be an <see cref="EngineConfig"/> setting and every value valid for it.</summary>
    /// <exception cref="ArgumentException">The message names the bad part.</exception>
    public static ParamGrid Parse(string text)
    {
        var axes = new List<(string, string[])>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new ArgumentException($"'{part}' is not key=v1,v2,...");
            var key = part[..eq].Trim();
            var values = part[(eq + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (values.Length == 0) throw new ArgumentException($"'{key}' has no values");
            if (axes.Any(a => string.Equals(a.Item1, key, StringComparison.OrdinalIgnoreCase))) throw new ArgumentException($"'{key}' appears twice");
            foreach (var v in values) new EngineConfig().Set(key, v);
            axes.Add((key, values));
        }
        if (axes.Count == 0) throw new ArgumentException("the grid is empty");
        return new ParamGrid(axes);
    }

    /// <summary>Combination <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>) as <c>key=value</c> settings; the last axis varies fastest.</summary>
    public string[] Combination(int index)
    {
        var settings = new string[Axes.Count];
        for (var a = Axes.Count - 1; a >= 0; a--)
        {
            var (key, values) = Axes[a];
            settings[a] = $"{key}={values[index % values.Length]}";
            index /= values.Length;
        }
        return settings;
    }
}
