using HlScalper.Engine.Numbers;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Synthetic;
using HlScalper.Replay.Sweep;

namespace HlScalper.Replay.Tests;

/// <summary>Walk-forward: folds cut as the plan says, the grid ranked in sample, the winner traded on the test window's events alone.</summary>
public class WalkForwardTests
{
    private const long Minute = 60_000;
    private static readonly EventTape Tape = SyntheticTape.Build(new SyntheticMarketConfig { Seed = 5, DurationMs = 40 * Minute });
    private static readonly BacktestOptions Options = new() { Asset = AssetMeta.BtcPerp };
    private static readonly ParamGrid Grid = ParamGrid.Parse("imbalance=0.55,0.65;tp_ticks=2,8");
    private static readonly string[] Fixed = ["prior_n=100000"];

    private static long? Ms(string text) => DateTimeOffset.TryParse(text, null, System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t.ToUnixTimeMilliseconds() : null;

    [Test]
    public void Rolling_folds_test_back_to_back_windows_each_after_its_own_training_window()
    {
        var plan = WalkForwardPlan.Parse(["30m"], ["10m"], anchored: false, Ms);
        var folds = plan.Folds(0, 100 * Minute);
        Assert.That(folds.Select(f => (f.TrainFromMs, f.TrainToMs, f.TestFromMs, f.TestToMs)), Is.EqualTo(Enumerable.Range(0, 7).Select(k =>
            ((30 + 10 * k - 30) * Minute, (30 + 10 * k) * Minute, (30 + 10 * k) * Minute, (40 + 10 * k) * Minute))));
        Assert.That(folds.Select(f => f.Number), Is.EqualTo(Enumerable.Range(1, 7)));

        var anchored = WalkForwardPlan.Parse(["30m"], ["10m"], anchored: true, Ms).Folds(0, 100 * Minute);
        Assert.That(anchored.Select(f => f.TrainFromMs), Is.All.Zero);
        Assert.That(anchored.Select(f => f.TestFromMs), Is.EqualTo(folds.Select(f => f.TestFromMs)));
        Assert.That(plan.Folds(0, 39 * Minute), Is.Empty, "no whole test window fits");
    }

    [Test]
    public void Explicit_ranges_are_one_fold_each_and_a_training_window_reaching_into_its_test_is_refused()
    {
        var plan = WalkForwardPlan.Parse(["2025-09-04T19:50..2025-09-04T20:00", "2025-09-04T20:00..2025-09-04T20:10"],
            ["2025-09-04T20:00..2025-09-04T20:05", "2025-09-04T20:10..2025-09-04T20:15"], false, Ms);
        var t0 = Ms("2025-09-04T19:50")!.Value;
        Assert.That(plan.Folds(0, 0).Select(f => (f.TrainFromMs - t0, f.TrainToMs - t0, f.TestFromMs - t0, f.TestToMs - t0)),
            Is.EqualTo(new[] { (0L, 10 * Minute, 10 * Minute, 15 * Minute), (10 * Minute, 20 * Minute, 20 * Minute, 25 * Minute) }));
        Assert.Multiple(() =>
        {
            Assert.That(() => WalkForwardPlan.Parse(["2025-09-04T19:50..2025-09-04T20:01"], ["2025-09-04T20:00..2025-09-04T20:05"], false, Ms),
                Throws.ArgumentException.With.Message.Contains("must end before its test"));
            Assert.That(() => WalkForwardPlan.Parse(["30m"], ["2025-09-04T20:00..2025-09-04T20:05"], false, Ms), Throws.ArgumentException.With.Message.Contains("not both"));
            Assert.That(() => WalkForwardPlan.Parse(["30m", "20m"], ["10m"], false, Ms), Throws.ArgumentException.With.Message.Contains("given once"));
            Assert.That(() => WalkForwardPlan.Parse(["30x"], ["10m"], false, Ms), Throws.ArgumentException.With.Message.Contains("'30x' is not a length"));
            Assert.That(() => WalkForwardPlan.Parse(["30m"], [], false, Ms), Throws.ArgumentException.With.Message.Contains("both --train and --test"));
        });
    }

    [Test]
    public void The_winner_of_each_training_window_is_traded_on_its_test_window_and_the_same_inputs_give_the_same_rows()
    {
        var folds = WalkForwardPlan.Parse(["10m"], ["5m"], false, Ms).Folds(Tape.FirstTimeMs, Tape.LastTimeMs);
        var steps = WalkForward.Run(Tape, Options, Grid, Fixed, folds, parallelism: 2);
        var again = WalkForward.Run(Tape, Options, Grid, Fixed, folds, parallelism: 1);

        Assert.That(steps, Has.Count.EqualTo(folds.Count).And.Count.GreaterThan(3));
        Assert.That(again.Select(Row), Is.EqualTo(steps.Select(Row)), "deterministic, whatever the parallelism");
        foreach (var step in steps)
        {
            var alone = SweepRunner.Run(Window(Tape, step.Fold.TrainFromMs, step.Fold.TrainToMs), Options, Grid, Fixed, 1);
            Assert.That(step.InSample.Select(r => (r.Combination, r.Summary)), Is.EqualTo(alone.Select(r => (r.Combination, r.Summary))), "ranked on the training window");
            Assert.That(step.OutOfSample.Settings, Is.EqualTo(alone[0].Settings), "the in-sample best is the one traded");
        }
        Assert.That(steps.Sum(s => s.OutOfSample.Summary.Trades), Is.GreaterThan(0), "the test windows trade");
        Assert.That(WalkForward.OutOfSample(steps).Summary.NetPnl, Is.EqualTo(steps.Sum(s => s.OutOfSample.Summary.NetPnl)).Within(1e-9));
    }

    [Test]
    public void An_out_of_sample_row_is_made_of_its_test_window_s_events_only()
    {
        var fold = new WalkForwardFold(1, Tape.FirstTimeMs + 10 * Minute, Tape.FirstTimeMs + 20 * Minute, Tape.FirstTimeMs + 21 * Minute, Tape.FirstTimeMs + 39 * Minute);
        var step = WalkForward.Run(Tape, Options, Grid, Fixed, [fold], 1).Single();

        // Independently: the chosen settings over the events in the test window, picked out here by time.
        var testEvents = Window(Tape, fold.TestFromMs, fold.TestToMs);
        var direct = Backtest.Run(testEvents, Options with { Settings = [.. Fixed, .. step.Chosen.Settings] });
        Assert.That(step.OutOfSample.Summary, Is.EqualTo(direct.Summary));
        Assert.That(step.TestEvents, Is.EqualTo(testEvents.Count));
        Assert.That(step.OutOfSample.Summary.Trades, Is.GreaterThan(0), "the test window trades, so a change in its events can show");

        // Everything outside the fold's windows gone: the same fold, row for row.
        var cut = Join(Window(Tape, fold.TrainFromMs, fold.TrainToMs), testEvents);
        var onCut = WalkForward.Run(cut, Options, Grid, Fixed, [fold], 1).Single();
        Assert.That(Row(onCut), Is.EqualTo(Row(step)));

        // The test window's second half gone: the out-of-sample row changes (the check above could fail).
        var shortened = Join(Window(Tape, fold.TrainFromMs, fold.TrainToMs), Window(Tape, fold.TestFromMs, fold.TestFromMs + 9 * Minute));
        Assert.That(WalkForward.Run(shortened, Options, Grid, Fixed, [fold], 1).Single().OutOfSample.Summary, Is.Not.EqualTo(step.OutOfSample.Summary));
    }

    private static object Row(WalkForwardStep s) => (s.Fold, s.TrainEvents, s.TestEvents, string.Join(' ', s.Chosen.Settings), s.OutOfSample.Summary,
        string.Join(';', s.InSample.Select(r => $"{r.Combination}:{r.Summary}")));

    private static EventTape Window(EventTape tape, long fromMs, long toMs)
    {
        var events = tape.Span.ToArray().Where(e => e.ExchangeTimeMs >= fromMs && e.ExchangeTimeMs < toMs).ToArray();
        return new EventTape(events, events.Length, tape.Coins);
    }

    private static EventTape Join(EventTape a, EventTape b)
    {
        var events = a.Span.ToArray().Concat(b.Span.ToArray()).ToArray();
        return new EventTape(events, events.Length, a.Coins);
    }
}
