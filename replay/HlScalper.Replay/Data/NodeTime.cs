namespace HlScalper.Replay.Data;

/// <summary>The node's timestamps: ISO-8601 UTC without a zone suffix ("2026-05-05T17:39:13.024084407"), 0 to 9 fractional digits.</summary>
public static class NodeTime
{
    private const long NanosPerSecond = 1_000_000_000;

    /// <summary>Unix time in nanoseconds; false for anything that is not such a timestamp (years 1970–2200, a trailing 'Z' allowed).</summary>
    public static bool TryParseNanos(ReadOnlySpan<byte> utf8, out long unixNanos)
    {
        unixNanos = 0;
        if (utf8.Length > 0 && utf8[^1] == 'Z') utf8 = utf8[..^1];
        if (utf8.Length < 19 || utf8[4] != '-' || utf8[7] != '-' || utf8[10] != 'T' || utf8[13] != ':' || utf8[16] != ':') return false;
        if (!Digits(utf8[..4], out var year) || !Digits(utf8.Slice(5, 2), out var month) || !Digits(utf8.Slice(8, 2), out var day)
            || !Digits(utf8.Slice(11, 2), out var hour) || !Digits(utf8.Slice(14, 2), out var minute) || !Digits(utf8.Slice(17, 2), out var second))
            return false;
        if (year is < 1970 or > 2200 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        long fraction = 0;
        var rest = utf8[19..];
        if (!rest.IsEmpty)
        {
            var digits = rest[1..];
            if (rest[0] != '.' || digits.Length is 0 or > 9 || !Digits(digits, out var value)) return false;
            fraction = value * Engine.Numbers.Fixed8.PowerOf10(9 - digits.Length);
        }
        var seconds = (long)(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds;
        unixNanos = seconds * NanosPerSecond + fraction;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> utf8, out int value)
    {
        value = 0;
        foreach (var b in utf8)
        {
            if (b is < (byte)'0' or > (byte)'9') return false;
            value = value * 10 + (b - '0');
        }
        return true;
    }
}
