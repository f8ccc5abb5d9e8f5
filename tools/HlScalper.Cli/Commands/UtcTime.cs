using System.Globalization;

namespace HlScalper.Cli.Commands;

/// <summary>Unix milliseconds as the UTC text the replay verbs print.</summary>
internal static class UtcTime
{
    public static string Format(long ms) => Format(ms, "yyyy-MM-dd HH:mm:ss.fff'Z'");

    /// <summary>The time of day only (the feed's lines).</summary>
    public static string FormatTimeOfDay(long ms) => Format(ms, "HH:mm:ss.fff");

    /// <summary>A time no calendar holds (a corrupt file, a hostile server) prints as its number instead of throwing.</summary>
    private static string Format(long ms, string format) =>
        ms is >= MinMs and <= MaxMs
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString(format, CultureInfo.InvariantCulture)
            : $"{ms} ms (no date)";

    private const long MinMs = -62_135_596_800_000;
    private const long MaxMs = 253_402_300_799_999;

    /// <summary>Unix ms or an ISO-8601 time (UTC unless it says otherwise) as Unix ms; null for null or text that is neither.</summary>
    public static long? ParseMs(string? text)
    {
        if (text is null) return null;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)) return ms;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time.ToUnixTimeMilliseconds()
            : null;
    }
}
