using System.Globalization;

namespace HlScalper.Replay.Gate;

/// <summary>
/// The nightly gate's history file: CSV with the header <c>utc,sharpe,trades,source</c>, one stored result a line, oldest first.
/// Reading keeps only the newest results it needs (bounded memory); a line it cannot read is reported and skipped, never fatal.
/// </summary>
public static class GateHistory
{
    public const string Header = "utc,sharpe,trades,source";

    /// <summary>The newest <paramref name="keep"/> readable results of <paramref name="path"/>, oldest first; none when the file does not exist.</summary>
    /// <param name="warn">Told about each line skipped, with its number and why.</param>
    public static List<GateRecord> ReadNewest(string path, int keep, Action<string> warn)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        var newest = new Queue<GateRecord>(keep);
        if (!File.Exists(path)) return [];
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0 || (number == 1 && line.StartsWith("utc,", StringComparison.Ordinal))) continue;
            if (Parse(line) is not { } record)
            {
                warn($"{path}:{number}: skipped, not utc,sharpe,trades,source with a finite Sharpe: '{Shorten(line)}'");
                continue;
            }
            if (newest.Count == keep) newest.Dequeue();
            newest.Enqueue(record);
        }
        return [.. newest];
    }

    /// <summary>Appends <paramref name="record"/>, writing the header first when the file is new or empty.</summary>
    public static void Append(string path, GateRecord record)
    {
        var fresh = !File.Exists(path) || new FileInfo(path).Length == 0;
        using var w = new StreamWriter(path, append: true);
        if (fresh) w.WriteLine(Header);
        // A source with a comma or a line break would split the line: it is stored with those replaced.
        var source = record.Source.Replace(',', ';').Replace('\n', ' ').Replace('\r', ' ');
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{record.Utc.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{record.Sharpe:R},{record.Trades},{source}"));
    }

    private static GateRecord? Parse(string line)
    {
        var parts = line.Split(',', 4);
        if (parts.Length < 3) return null;
        if (!DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc)) return null;
        if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var sharpe) || !double.IsFinite(sharpe)) return null;
        if (!long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var trades) || trades < 0) return null;
        return new GateRecord(utc, sharpe, trades, parts.Length > 3 ? parts[3] : "");
    }

    private static string Shorten(string line) => line.Length <= 80 ? line : line[..80] + "…";
}
