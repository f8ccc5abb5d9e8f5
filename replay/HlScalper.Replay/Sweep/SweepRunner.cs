using System.Collections.Concurrent;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Metrics;
using HlScalper.Replay.Reports;

namespace HlScalper.Replay.Sweep;

/// <summary>Runs every combination of a grid as an independent back-test (own ring, handler, exchange) in parallel over one shared read-only tape, a few at a time in lockstep over one cursor, and ranks them.</summary>
public static class SweepRunner
{
    /// <param name="fixedSettings">Settings applied before each combination's (the combination wins).</param>
    /// <param name="progress">Called after each finished run with the number done; from worker threads.</param>
    /// <param name="shard">Run only this shard's combinations of <paramref name="input"/> (null: all).</param>
    /// <param name="input">Which input of <paramref name="inputs"/> <paramref name="tape"/> is (a <c>--per-input</c> sweep); 0 of 1 when the inputs were merged.</param>
    /// <returns>The finished runs, ranked: all of them, or when <paramref name="cancel"/> fired, those that finished before it (runs cut short are dropped, so every row is a whole back-test).</returns>
    public static IReadOnlyList<SweepRow> Run(Tape tape, BacktestOptions baseOptions, ParamGrid grid, IReadOnlyList<string> fixedSettings,
        int parallelism, Action<int>? progress = null, CancellationToken cancel = default, SweepShard? shard = null, int input = 0, int inputs = 1)
    {
        var rows = new SweepRow?[grid.Count];
        var done = 0;
        var combinations = Enumerable.Range(0, grid.Count).Where(c => shard is not { } s || s.Owns(c, input, inputs)).ToArray();
        try
        {
            // One batch at a time to whichever worker is free: the default partitioner hands out growing chunks, and with a
            // dozen runs of equal length one worker could end up two runs behind the other.
            Parallel.ForEach(Partitioner.Create(combinations.Chunk(BatchSize(combinations.Length)), EnumerablePartitionerOptions.NoBuffering), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancel }, batch =>
            {
                var settings = batch.Select(grid.Combination).ToArray();
                var results = BacktestBatch.Run(tape, [.. settings.Select(s => baseOptions with { Settings = [.. fixedSettings, .. s], Threaded = false })], cancel);
                for (var k = 0; k < batch.Length; k++)
                {
                    rows[batch[k]] = new SweepRow(batch[k], settings[k], results[k].Summary, EquityShape.Of(results[k].Equity), input);
                    progress?.Invoke(Interlocked.Increment(ref done));
                }
            });
        }
        catch (Exception e) when (cancel.IsCancellationRequested && e is OperationCanceledException or AggregateException { InnerExceptions: [OperationCanceledException, ..] })
        {
            // Cancelled: what finished is kept; the caller sees the token and says how many of the grid ran.
        }
        return Rank(rows.OfType<SweepRow>());
    }

    /// <summary>Runs stepped together over one cursor (<see cref="BacktestBatch"/>): at least four batches, so two workers stay balanced
    /// to within a batch, and at most eight runs, whose engines and exchanges then stay in a core's L2 beside the tape's block. The size
    /// does not depend on the number of workers, so one and two workers do the same work.</summary>
    private static int BatchSize(int runs) => Math.Clamp(runs / 4, 1, 8);

    /// <summary>Per combination, its runs over the inputs joined in input order (<see cref="SessionTotals"/>), ranked; a combination missing an input is left out.</summary>
    public static IReadOnlyList<SweepRow> Join(IEnumerable<SweepRow> perInput, int inputs) =>
        Rank(perInput.GroupBy(r => r.Combination)
            .Select(g => g.OrderBy(r => r.Input).ToList())
            .Where(runs => runs.Count == inputs)
            .Select(runs =>
            {
                var (summary, shape) = SessionTotals.Combine(runs.Select(r => (r.Summary, r.Shape)).ToList());
                return new SweepRow(runs[0].Combination, runs[0].Settings, summary, shape);
            }));

    /// <summary>Best first: net PnL, then Sharpe, then the combination's position in the grid (a stable, deterministic order).</summary>
    public static IReadOnlyList<SweepRow> Rank(IEnumerable<SweepRow> rows) =>
        rows.OrderByDescending(r => r.Summary.NetPnl).ThenByDescending(r => r.Summary.Sharpe).ThenBy(r => r.Combination).ToList();

    /// <summary>Writes <c>sweep.parquet</c>: rank, one column per grid key, then the summary columns.</summary>
    public static Task WriteAsync(string path, ParamGrid grid, IReadOnlyList<SweepRow> ranked, CancellationToken cancel = default)
    {
        var table = new ParquetTable().Add("rank", Enumerable.Range(1, ranked.Count).ToArray());
        return SettingsAndSummary(table, grid, ranked).WriteAsync(path, cancel: cancel);
    }

    /// <summary>Adds one column per grid key (the row's value) and the summary columns to <paramref name="table"/>.</summary>
    internal static ParquetTable SettingsAndSummary(ParquetTable table, ParamGrid grid, IReadOnlyList<SweepRow> rows)
    {
        var a = 0;
        foreach (var key in grid.Keys)
        {
            var axis = a++;
            table.Add(key, rows.Select(r => r.Settings[axis][(key.Length + 1)..]).ToArray());
        }
        return ResultFiles.SummaryTable(rows.Select(r => r.Summary).ToList(), table);
    }
}
