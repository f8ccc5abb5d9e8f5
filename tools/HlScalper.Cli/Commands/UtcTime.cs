using System.Globalization;

namespace HlScalper.Cli.Commands;

/// <summary>Unix milliseconds as the UTC text the replay verbs print.</summary>
internal static class UtcTime
{
    public static string Format(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

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
