namespace HlScalper.Replay.Data.Compact;

/// <summary>The trade ids of one coin met in the last <see cref="WindowMs"/> of exchange time, for a merge that reads in time order: a tid met again in that window is a repeat; older ids are forgotten, so memory follows the trade rate, not the data's length.</summary>
/// <remarks>
/// A tid names one trade and a trade has one exchange time, so the copies of a trade that two recordings hold meet within
/// milliseconds of each other in the merge; the window is ten minutes so that a recorder stamping times coarsely still
/// matches. Keeping every tid instead (as the array tape does at load) made a merge of a month of one coin's files hold
/// every trade id of the month, and each sweep batch's cursor rebuilt that set.
/// </remarks>
internal sealed class RecentTids
{
    /// <summary>How far back in exchange time a tid is remembered.</summary>
    public const long WindowMs = 10 * 60_000;

    private readonly HashSet<long> _seen = [];
    private readonly Queue<(long TimeMs, long Tid)> _arrival = new();

    /// <summary>Tids remembered now.</summary>
    public int Count => _seen.Count;

    /// <summary>Records <paramref name="tid"/> met at <paramref name="timeMs"/> (not before any earlier call's time).</summary>
    /// <returns>False when the tid was met within the window before: a repeat.</returns>
    public bool Add(long tid, long timeMs)
    {
        while (_arrival.TryPeek(out var oldest) && oldest.TimeMs < timeMs - WindowMs)
        {
            _arrival.Dequeue();
            _seen.Remove(oldest.Tid);
        }
        if (!_seen.Add(tid)) return false;
        _arrival.Enqueue((timeMs, tid));
        return true;
    }
}
