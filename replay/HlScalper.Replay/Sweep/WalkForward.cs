using HlScalper.Replay.Driver;
using HlScalper.Replay.Metrics;

namespace HlScalper.Replay.Sweep;

/// <summary>
/// Walk-forward optimisation: per fold, the grid is ranked on the training window and its best combination traded on the test
/// window that follows; the test windows' results joined (<see cref="SessionTotals"/>) are the out-of-sample record.
/// </summary>
/// <remarks>
/// Each window is cut from the tape (<see cref="TapeWindow"/>) and replayed as a back-test of its own, flat at its start and
/// closed at its end, so an out-of-sample row is made of its test window's events and the chosen settings, nothing else.
/// Deterministic: the same tape, grid and folds give the same rows, whatever the parallelism.
/// </remarks>
public static class WalkForward
{
    /// <summary>Runs the folds in order; when <paramref name="cancel"/> fires, returns the folds finished before it.</summary>
    /// <param name="progress">Called after each finished run (training runs and test runs alike) with the number done; from worker threads.</param>
    public static IReadOnlyList<WalkForwardStep> Run(Tape tape, BacktestOptions options, ParamGrid grid, IReadOnlyList<string> fixedSettings,
        IReadOnlyList<WalkForwardFold> folds, int parallelism, Action<int>? progress = null, CancellationToken cancel = default)
    {
        var steps = new List<WalkForwardStep>();
        var done = 0;
        foreach (var fold in folds)
        {
            var train = TapeWindow.Slice(tape, fold.TrainFromMs, fold.TrainToMs);
            var before = done;
            var ranked = SweepRunner.Run(train, options, grid, fixedSettings, parallelism, n => progress?.Invoke(before + n), cancel);
            if (cancel.IsCancellationRequested || ranked.Count < grid.Count) break;
            done = before + ranked.Count;
            var chosen = ranked[0];
            var test = TapeWindow.Slice(tape, fold.TestFromMs, fold.TestToMs);
            var result = Backtest.Run(test, options with { Settings = [.. fixedSettings, .. chosen.Settings], Threaded = false }, cancel);
            if (cancel.IsCancellationRequested) break;
            progress?.Invoke(++done);
            steps.Add(new WalkForwardStep(fold, train.Count, test.Count, ranked, new SweepRow(chosen.Combination, chosen.Settings, result.Summary, EquityShape.Of(result.Equity))));
        }
        return steps;
    }

    /// <summary>The out-of-sample record: every fold's test run, joined in fold order.</summary>
    public static (BacktestSummary Summary, EquityShape Shape) OutOfSample(IReadOnlyList<WalkForwardStep> steps) =>
        SessionTotals.Combine(steps.Select(s => (s.OutOfSample.Summary, s.OutOfSample.Shape)).ToList());
}
