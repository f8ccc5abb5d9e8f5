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
    public static IReadOnlyList<(long FromMs, long ToMs)> Find(EventTape tape, long minMs)
    {
        var gaps = new List<(long, long)>();
        var span = tape.Span;
        for (var i = 1; i < span.Length; i++)
            if (span[i].ExchangeTimeMs - span[i - 1].ExchangeTimeMs > minMs) gaps.Add((span[i - 1].ExchangeTimeMs, span[i].ExchangeTimeMs));
        return gaps;
    }
}
