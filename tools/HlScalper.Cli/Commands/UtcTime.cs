using System.Globalization;

namespace HlScalper.Cli.Commands;

/// <summary>Unix milliseconds as the UTC text the replay verbs print.</summary>
internal static class UtcTime
{
    public static string Format(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
