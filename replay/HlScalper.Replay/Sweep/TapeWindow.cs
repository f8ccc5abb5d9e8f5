using System.Runtime.CompilerServices;
using HlScalper.Engine.Events;
using HlScalper.Replay.Driver;

namespace HlScalper.Replay.Sweep;

/// <summary>The part of a tape inside a window of exchange time, as a tape of its own: a walk-forward fold sees only its window's events.</summary>
public static class TapeWindow
{
    /// <summary>The events with <paramref name="fromMs"/> ≤ exchange time &lt; <paramref name="toMs"/>, copied in order; the tape is streamed, so only the window is held.</summary>
    public static EventTape Slice(Tape tape, long fromMs, long toMs)
    {
        var events = new List<MarketEvent>();
        using var cursor = tape.Open();
        for (ref readonly var e = ref cursor.Next(); !Unsafe.IsNullRef(in e); e = ref cursor.Next())
        {
            if (e.ExchangeTimeMs >= toMs) break;
            if (e.ExchangeTimeMs >= fromMs) events.Add(e);
        }
        return new EventTape([.. events], events.Count, tape.Coins);
    }
}
