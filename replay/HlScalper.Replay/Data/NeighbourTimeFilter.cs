using HlScalper.Engine.Events;
using HlScalper.Replay.Driver;

namespace HlScalper.Replay.Data;

/// <summary>Holds each line's events back until the next line is read, and drops a line whose time is far from both its neighbours: one corrupt time must not stretch a replay over years.</summary>
/// <remarks>
/// A line is kept when its events lie within <see cref="MaxJumpMs"/> of the last kept line or of the next line
/// with events, so a real gap in a recording (an outage, a second session) survives: the line after it agrees
/// with the lines that follow. A line whose own events lie further apart than that is dropped too.
/// </remarks>
internal sealed class NeighbourTimeFilter(TapeBuilder builder)
{
    /// <summary>A day: far beyond any real gap between neighbouring lines of one recording, far below a corrupt year.</summary>
    public const long MaxJumpMs = 24 * 3600 * 1000;

    private EventList _current = new();
    private EventList _pending = new();
    private long _pendingLine;
    private long? _pendingOrder;
    private long _lastKeptMs;
    private bool _keptAny;

    /// <summary>Where the next line's events go (the previous line's staging is discarded).</summary>
    public EventList.Sink Stage()
    {
        _current.Clear();
        return _current.AsSink();
    }

    /// <summary>The staged line is complete: the one before it is now judged against both neighbours. <paramref name="reject"/> gets a dropped line's number and reason.</summary>
    /// <param name="order">The line's place among events of equal time (a converted table's <c>seq</c>); null = file order.</param>
    public void Commit(long line, Action<long, string> reject, long? order = null)
    {
        if (_current.Count == 0) return;
        if (_pending.Count > 0) Decide(Range(_current).Min, reject);
        (_current, _pending) = (_pending, _current);
        _pendingLine = line;
        _pendingOrder = order;
    }

    /// <summary>The file ended: the last line is judged against the one before it alone.</summary>
    public void Finish(Action<long, string> reject)
    {
        if (_pending.Count > 0) Decide(null, reject);
    }

    private void Decide(long? nextMs, Action<long, string> reject)
    {
        var (min, max) = Range(_pending);
        bool Near(long t) => Math.Abs(min - t) <= MaxJumpMs && Math.Abs(max - t) <= MaxJumpMs;
        var alone = !_keptAny && nextMs is null;
        if (max - min <= MaxJumpMs && (alone || (_keptAny && Near(_lastKeptMs)) || (nextMs is { } next && Near(next))))
        {
            foreach (ref readonly var e in _pending.Span) builder.Publish(in e, _pendingOrder);
            _lastKeptMs = max;
            _keptAny = true;
        }
        else
        {
            var around = (_keptAny ? $"the line before is at {_lastKeptMs}" : "no line before") + (nextMs is { } n ? $", the next at {n}" : ", no line after");
            reject(_pendingLine, $"time {min}{(max != min ? $"–{max}" : "")} is more than a day from the lines around it ({around})");
        }
        _pending.Clear();
    }

    private static (long Min, long Max) Range(EventList events)
    {
        long min = long.MaxValue, max = long.MinValue;
        foreach (ref readonly var e in events.Span)
        {
            min = Math.Min(min, e.ExchangeTimeMs);
            max = Math.Max(max, e.ExchangeTimeMs);
        }
        return (min, max);
    }
}
