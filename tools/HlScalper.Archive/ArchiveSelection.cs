using System.Globalization;

namespace HlScalper.Archive;

/// <summary>What to fetch: a kind, its coins (l2Book only), an inclusive UTC day range and the hours of each day.</summary>
public sealed record ArchiveSelection(ArchiveKind Kind, IReadOnlyList<string> Coins, DateOnly From, DateOnly To, IReadOnlyList<int> Hours)
{
    public static readonly IReadOnlyList<int> AllHours = Enumerable.Range(0, 24).ToArray();

    /// <summary>Every file of the selection on days the archive holds this kind, in day, hour, coin order.</summary>
    public IReadOnlyList<ArchiveObject> Objects()
    {
        var objects = new List<ArchiveObject>();
        foreach (var day in CoveredDays())
        {
            if (!Kind.Hourly)
            {
                objects.Add(new ArchiveObject(Kind.Bucket, Kind.KeysFor(day, 0, ""), $"{Kind.Name} {day:yyyy-MM-dd}"));
                continue;
            }
            foreach (var hour in Hours)
            {
                if (!Kind.PerCoin)
                {
                    objects.Add(new ArchiveObject(Kind.Bucket, Kind.KeysFor(day, hour, ""), $"{Kind.Name} {day:yyyy-MM-dd} {hour}h"));
                    continue;
                }
                foreach (var coin in Coins)
                    objects.Add(new ArchiveObject(Kind.Bucket, Kind.KeysFor(day, hour, coin), $"{coin} {day:yyyy-MM-dd} {hour}h"));
            }
        }
        return objects;
    }

    /// <summary>Days of the range outside what the archive holds for this kind (they are not requested).</summary>
    public int UncoveredDays => To.DayNumber - From.DayNumber + 1 - CoveredDays().Count();

    private IEnumerable<DateOnly> CoveredDays()
    {
        for (var day = From; day <= To; day = day.AddDays(1))
            if (day >= Kind.FirstDay && (Kind.LastDay is not { } last || day <= last)) yield return day;
    }

    /// <summary>Parses <c>0-23</c>, <c>9</c>, <c>0,6,12-14</c> into sorted distinct hours.</summary>
    /// <exception cref="FormatException">Not a list of hours 0..23 or ranges of them.</exception>
    public static IReadOnlyList<int> ParseHours(string text)
    {
        var hours = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var (first, last) = dash < 0 ? (Hour(part, text), Hour(part, text)) : (Hour(part[..dash], text), Hour(part[(dash + 1)..], text));
            if (first > last) throw new FormatException($"hours '{text}': range {part} runs backwards");
            for (var h = first; h <= last; h++) hours.Add(h);
        }
        return hours.ToArray();
    }

    private static int Hour(string part, string text) =>
        int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var hour) && hour is >= 0 and <= 23
            ? hour
            : throw new FormatException($"hours '{text}': '{part}' is not an hour 0..23");
}
