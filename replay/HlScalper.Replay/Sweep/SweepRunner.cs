using HlScalper.Replay.Driver;
using HlScalper.Replay.Metrics;
using HlScalper.Replay.Reports;

namespace HlScalper.Replay.Sweep;

/// <summary>Runs every combination of a grid as an independent back-test (own ring, handler, exchange) in parallel over one shared read-only tape, and ranks them.</summary>
public static class SweepRunner
{
    /// <param name="fixedSettings">Settings applied before each combination's (the combination wins).</param>
    /// <param name="progress">Called after each finished run with the number done; from worker threads.</param>
    /// <param name="shard">Run only this shard's combinations (null: all).</param>
    /// <returns>The finished runs, ranked: all of them, or when <paramref name="cancel"/> fired, those that finished before it (runs cut short are dropped, so every row is a whole back-test).</returns>
    public static IReadOnlyList<SweepRow> Run(Tape tape, BacktestOptions baseOptions, ParamGrid grid, IReadOnlyList<string> fixedSettings,
        int parallelism, Action<int>? progress = null, CancellationToken cancel = default, SweepShard? shard = null)
    {
        var rows = new SweepRow?[grid.Count];
        var done = 0;
        var combinations = Enumerable.Range(0, grid.Count).Where(c => shard is not { } s || s.Owns(c)).ToArray();
        try
        {
            Parallel.ForEach(combinations, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancel }, i =>
            {
                var settings = grid.Combination(i);
                var result = Backtest.Run(tape, baseOptions with { Settings = [.. fixedSettings, .. settings], Threaded = false }, cancel);
                rows[i] = new SweepRow(i, settings, result.Summary);
                progress?.Invoke(Interlocked.Increment(ref done));
            });
        }
        catch (Exception e) when (cancel.IsCancellationRequested && e is OperationCanceledException or AggregateException { InnerExceptions: [OperationCanceledException, ..] })
        {
            // Cancelled: what finished is kept; the caller sees the token and says how many of the grid ran.
        }
        return Rank(rows.OfType<SweepRow>());
    }

    /// <summary>Best first: net PnL, then Sharpe, then the combination's position in the grid (a stable, deterministic order).</summary>
    public static IReadOnlyList<SweepRow> Rank(IEnumerable<SweepRow> rows) =>
        rows.OrderByDescending(r => r.Summary.NetPnl).ThenByDescending(r => r.Summary.Sharpe).ThenBy(r => r.Combination).ToList();

    /// <summary>Writes <c>sweep.parquet</c>: rank, one column per grid key, then the summary columns.</summary>
    public static Task WriteAsync(string path, ParamGrid grid, IReadOnlyList<SweepRow> ranked, CancellationToken cancel = default)
    {
        var table = new ParquetTable().Add("rank", Enumerable.Range(1, ranked.Count).ToArray());
        var a = 0;
        foreach (var key in grid.Keys)
        {
            var axis = a++;
            table.Add(key, ranked.Select(r => r.Settings[axis][(key.Length + 1)..]).ToArray());
        }
        ResultFiles.SummaryTable(ranked.Select(r => r.Summary).ToList(), table);
        return table.WriteAsync(path, cancel: cancel);
    }
}
