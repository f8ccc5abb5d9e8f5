using System.Globalization;
using HlScalper.Replay.Reports;

namespace HlScalper.Replay.Sweep;

/// <summary>A walk-forward's tables: <c>walkforward.parquet</c> (per fold the windows, the chosen settings, their in-sample result and their out-of-sample summary; then the folds joined, fold "all") and <c>walkforward-train.parquet</c> (every fold's in-sample ranking).</summary>
public static class WalkForwardTables
{
    public const string FileName = "walkforward.parquet";

    public const string TrainFileName = "walkforward-train.parquet";

    public static async Task WriteAsync(string directory, ParamGrid grid, IReadOnlyList<WalkForwardStep> steps, CancellationToken cancel = default)
    {
        var (total, _) = WalkForward.OutOfSample(steps);
        var n = steps.Count;
        var folds = new ParquetTable()
            .Add("fold", [.. steps.Select(s => s.Fold.Number.ToString(CultureInfo.InvariantCulture)), "all"])
            .Add("train_from", [.. steps.Select(s => Utc(s.Fold.TrainFromMs)), ""])
            .Add("train_to", [.. steps.Select(s => Utc(s.Fold.TrainToMs)), ""])
            .Add("test_from", [.. steps.Select(s => Utc(s.Fold.TestFromMs)), n == 0 ? "" : Utc(steps[0].Fold.TestFromMs)])
            .Add("test_to", [.. steps.Select(s => Utc(s.Fold.TestToMs)), n == 0 ? "" : Utc(steps[^1].Fold.TestToMs)])
            .Add("train_events", [.. steps.Select(s => s.TrainEvents), steps.Sum(s => s.TrainEvents)])
            .Add("test_events", [.. steps.Select(s => s.TestEvents), steps.Sum(s => s.TestEvents)])
            .Add("settings", [.. steps.Select(s => string.Join(' ', s.Chosen.Settings)), ""])
            .Add("in_sample_net_pnl_usd", [.. steps.Select(s => s.Chosen.Summary.NetPnl), steps.Sum(s => s.Chosen.Summary.NetPnl)])
            .Add("in_sample_sharpe", [.. steps.Select(s => s.Chosen.Summary.Sharpe), 0.0])
            .Add("in_sample_trades", [.. steps.Select(s => s.Chosen.Summary.Trades), steps.Sum(s => s.Chosen.Summary.Trades)]);
        ResultFiles.SummaryTable([.. steps.Select(s => s.OutOfSample.Summary), total], folds);
        await folds.WriteAsync(Path.Combine(directory, FileName), cancel: cancel);

        var rows = steps.SelectMany(s => s.InSample.Select((r, i) => (s.Fold.Number, Rank: i + 1, Row: r))).ToList();
        var train = new ParquetTable()
            .Add("fold", rows.Select(r => r.Number).ToArray())
            .Add("rank", rows.Select(r => r.Rank).ToArray());
        SweepRunner.SettingsAndSummary(train, grid, rows.Select(r => r.Row).ToList());
        await train.WriteAsync(Path.Combine(directory, TrainFileName), cancel: cancel);
    }

    /// <summary>Unix ms as UTC text.</summary>
    public static string Utc(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
