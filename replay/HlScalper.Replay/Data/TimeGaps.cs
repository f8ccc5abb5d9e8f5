using System.Runtime.CompilerServices;
using HlScalper.Replay.Driver;

namespace HlScalper.Replay.Data;

/// <summary>Stretches without any market event longer than a threshold: files merged from months apart replay their silence as timer events and make the equity chart unreadable.</summary>
public static class TimeGaps
{
    /// <summary>A warning above an hour between consecutive events.</summary>
    public const long WarnMs = 3_600_000;

    /// <summary>An error (unless allowed) above a day.</summary>
    public const long ErrorMs = 86_400_000;

    /// <summary>Every gap longer than <paramref name="minMs"/> between consecutive events of the tape, in time order.</summary>
    public static IReadOnlyList<(long FromMs, long ToMs)> Find(Tape tape, long minMs)
    {
        var gaps = new List<(long, long)>();
        using var cursor = tape.Open();
        var previous = long.MinValue;
        for (ref readonly var e = ref cursor.Next(); !Unsafe.IsNullRef(in e); e = ref cursor.Next())
        {
            if (previous != long.MinValue && e.ExchangeTimeMs - previous > minMs) gaps.Add((previous, e.ExchangeTimeMs));
            previous = e.ExchangeTimeMs;
        }
        return gaps;
    }
}
