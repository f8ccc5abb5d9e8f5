using System.Collections;
using System.Runtime.InteropServices;

namespace HlScalper.Replay.Metrics;

/// <summary>The ledger's equity samples, held as runs of one value a minute apart: a stretch in which equity does not move takes one entry, however long.</summary>
/// <remarks>
/// Equity moves only on fills, funding and marks, so hours without events (the gap between two recordings replayed with
/// <c>--allow-gaps</c>, or a quiet night flat) are a run of equal minute samples. As a list of points, the day-long gap
/// between two real recordings was ~880,000 points (14 MB) a back-test, 16 of them at once in a sweep, and a 1.1 GB peak.
/// Read as a list it is the same points in the same order: the Sharpe, drawdown and charts computed from it are unchanged.
/// A run costs 24 bytes against a point's 16, so a curve whose every minute differs takes half as much again.
/// </remarks>
public sealed class EquityCurve : IReadOnlyList<EquityPoint>
{
    private readonly List<Run> _runs;

    /// <param name="runCapacity">Runs to make room for up front: a run that stays within it allocates nothing.</param>
    public EquityCurve(int runCapacity = 16) => _runs = new List<Run>(runCapacity);

    public int Count { get; private set; }

    /// <summary>Runs held: what the curve costs, not how many points it has.</summary>
    public int RunCount => _runs.Count;

    /// <summary>Run <paramref name="run"/> (0 to <see cref="RunCount"/> − 1): its equity and how many points in a row hold it.</summary>
    public (long EquityRaw, int Count) RunAt(int run) => (_runs[run].EquityRaw, _runs[run].Count);

    /// <summary>Adds a point after the last one: it extends the last run when it has the run's equity and lies one sample step after it.</summary>
    public void Add(EquityPoint point)
    {
        if (_runs.Count > 0)
        {
            ref var last = ref CollectionsMarshal.AsSpan(_runs)[^1];
            if (last.EquityRaw == point.EquityRaw && point.TimeMs == last.TimeAt(last.Count))
            {
                last.Count++;
                Count++;
                return;
            }
        }
        _runs.Add(new Run(point.TimeMs, point.EquityRaw, Count));
        Count++;
    }

    /// <exception cref="ArgumentOutOfRangeException">Outside 0 to <see cref="Count"/> − 1.</exception>
    public EquityPoint this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var runs = CollectionsMarshal.AsSpan(_runs);
            int lo = 0, hi = runs.Length - 1;
            while (lo < hi)
            {
                var mid = (lo + hi + 1) >> 1;
                if (runs[mid].FirstIndex <= index) lo = mid;
                else hi = mid - 1;
            }
            return runs[lo].PointAt(index - runs[lo].FirstIndex);
        }
    }

    public IEnumerator<EquityPoint> GetEnumerator()
    {
        for (var r = 0; r < _runs.Count; r++)
        {
            var run = _runs[r];
            for (var i = 0; i < run.Count; i++) yield return run.PointAt(i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Count points of one equity from a time on, one sample step apart; the first is the curve's point number FirstIndex.</summary>
    private struct Run(long timeMs, long equityRaw, int firstIndex)
    {
        public readonly long TimeMs = timeMs;
        public readonly long EquityRaw = equityRaw;
        public readonly int FirstIndex = firstIndex;
        public int Count = 1;

        public readonly long TimeAt(int i) => TimeMs + i * TradeLedger.SampleIntervalMs;

        public readonly EquityPoint PointAt(int i) => new(TimeAt(i), EquityRaw);
    }
}
