using CsCheck;
using HlScalper.Replay.Gate;

namespace HlScalper.Replay.Tests.Gate;

public sealed class SharpeGateTests
{
    private const int MinTrades = 30;

    private static List<GateRecord> History(params double[] sharpes) =>
        [.. sharpes.Select((s, i) => new GateRecord(DateTimeOffset.UnixEpoch.AddDays(i), s, 100, "test"))];

    [TestCase(0.81, GateOutcome.Pass)]
    [TestCase(0.80, GateOutcome.Pass)]
    [TestCase(0.79, GateOutcome.Fail)]
    [TestCase(2.0, GateOutcome.Pass)]
    public void A_drop_of_more_than_20_percent_below_the_median_of_seven_fails(double today, GateOutcome expected)
    {
        // Sorted: 0.8 0.9 1.0 1.0 1.1 1.2 1.3 → median 1.0, threshold 0.8.
        var verdict = SharpeGate.Judge(today, 100, History(1.0, 1.1, 0.9, 1.2, 1.0, 0.8, 1.3), MinTrades);
        Assert.Multiple(() =>
        {
            Assert.That(verdict.Outcome, Is.EqualTo(expected), verdict.Line);
            Assert.That(verdict.Median, Is.EqualTo(1.0));
            Assert.That(verdict.Threshold, Is.EqualTo(0.8).Within(1e-12));
            Assert.That(verdict.Baseline, Is.EqualTo(7));
        });
    }

    [Test]
    public void Only_the_newest_seven_results_make_the_median()
    {
        var history = History([.. Enumerable.Repeat(100.0, 10), .. Enumerable.Repeat(1.0, 7)]);
        var verdict = SharpeGate.Judge(0.9, 100, history, MinTrades);
        Assert.That(verdict.Outcome, Is.EqualTo(GateOutcome.Pass), verdict.Line);
        Assert.That(verdict.Median, Is.EqualTo(1.0), "the ten old results of 100 are outside the window");
    }

    [TestCase(-1.19, GateOutcome.Pass)]
    [TestCase(-1.21, GateOutcome.Fail)]
    public void A_negative_median_is_judged_by_its_size_a_further_20_percent_below_fails(double today, GateOutcome expected) =>
        Assert.That(SharpeGate.Judge(today, 100, History(-1, -1, -1), MinTrades).Outcome, Is.EqualTo(expected));

    [Test]
    public void Too_few_trades_fail_whatever_the_Sharpe()
    {
        var verdict = SharpeGate.Judge(5.0, MinTrades - 1, History(1, 1, 1), MinTrades);
        Assert.That(verdict.Outcome, Is.EqualTo(GateOutcome.Fail));
        Assert.That(verdict.Reason, Does.Contain("29 trades"));
    }

    [Test]
    public void Without_stored_results_the_first_passes_and_says_it_becomes_the_baseline()
    {
        var verdict = SharpeGate.Judge(0.5, 100, [], MinTrades);
        Assert.That(verdict.Outcome, Is.EqualTo(GateOutcome.Pass));
        Assert.That(verdict.Line, Does.Contain("median=none").And.Contain("baseline=0"));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void A_Sharpe_that_is_not_a_number_fails(double today) =>
        Assert.That(SharpeGate.Judge(today, 100, History(1), MinTrades).Outcome, Is.EqualTo(GateOutcome.Fail));

    [Test]
    public void For_any_history_the_median_splits_the_window_and_the_verdict_fails_exactly_below_the_threshold()
    {
        Gen.Select(Gen.Double[-5, 5].Array[1, 15], Gen.Double[-6, 6]).Sample((sharpes, today) =>
        {
            var verdict = SharpeGate.Judge(today, 100, History(sharpes), MinTrades);
            var window = sharpes.Skip(Math.Max(0, sharpes.Length - 7)).ToArray();
            var median = verdict.Median!.Value;
            // The defining property of a median, checked without sorting: at least half the window on each side.
            var atOrBelow = window.Count(s => s <= median);
            var atOrAbove = window.Count(s => s >= median);
            return 2 * atOrBelow >= window.Length && 2 * atOrAbove >= window.Length
                && verdict.Baseline == window.Length
                && Math.Abs(verdict.Threshold!.Value - (median - 0.2 * Math.Abs(median))) < 1e-12
                && (verdict.Outcome == GateOutcome.Fail) == (today < verdict.Threshold);
        });
    }
}
