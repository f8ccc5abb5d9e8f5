using HlScalper.Engine.Events;
using HlScalper.Replay.Driver;

namespace HlScalper.Replay.Sweep;

/// <summary>The part of a tape inside a window of exchange time, as a tape of its own: a walk-forward fold sees only its window's events.</summary>
public static class TapeWindow
{
    /// <summary>The events with <paramref name="fromMs"/> ≤ exchange time &lt; <paramref name="toMs"/>, copied in order (the tape is in time order).</summary>
    public static EventTape Slice(EventTape tape, long fromMs, long toMs)
    {
        var span = tape.Span;
        var start = FirstAtOrAfter(span, fromMs);
        var end = Math.Max(start, FirstAtOrAfter(span, toMs));
        var events = span[start..end].ToArray();
        return new EventTape(events, events.Length, tape.Coins);
    }

    private static int FirstAtOrAfter(ReadOnlySpan<MarketEvent> events, long timeMs)
    {
        int lo = 0, hi = events.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (events[mid].ExchangeTimeMs < timeMs) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
