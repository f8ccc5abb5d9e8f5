using HlScalper.Engine.Events;
using HlScalper.Replay.QueueStudy;
using static HlScalper.Testing.HandBuiltCapture;

namespace HlScalper.Replay.Tests.QueueStudy;

/// <summary>The whole study on <see cref="HandBuiltCapture"/>: the true queue and every model's prediction are worked out by hand in advance.</summary>
public class HandBuiltQueueStudyTests
{
    private const double Coin = 100_000_000;

    private TempDirectory _dir = null!;
    private QueueStudyResult _study = null!;

    [OneTimeSetUp]
    public void RunStudy()
    {
        _dir = new TempDirectory();
        Write(_dir.Path);
        _study = QueueStudyRunner.Run(_dir.Path, "BTC", NodeSource.ByBlock, _ => { });
    }

    [OneTimeTearDown]
    public void Clean() => _dir.Dispose();

    private TrueOrder Real(long oid) => _study.Truth.Orders.Single(o => o.Oid == oid);

    private ModelRun RunOf(string model) => _study.Runs.Single(r => r.Model.Name == model);

    private ModelScore ScoreOf(string model) => _study.Scores.Single(s => s.Model.Name == model);

    [Test]
    public void The_replay_gives_each_orders_true_queue_when_it_joined_and_after_every_block_it_changed()
    {
        Assert.That(_study.Truth.Orders.Select(o => o.Oid), Is.EqualTo(new[] { X, Y }), "only X and Y join; the ETH order is another coin");
        var x = Real(X);
        var y = Real(Y);
        Assert.That((x.AheadAtJoinRaw, y.AheadAtJoinRaw), Is.EqualTo((3 * (long)Coin, 4 * (long)Coin)), "X behind A and B; Y behind A, B and X");
        Assert.That(x.Path.Select(s => (s.Block, s.AheadRaw / Coin)), Is.EqualTo(new[] { (11L, 3.0), (12L, 1.0), (13L, 0.0) }));
        Assert.That(y.Path.Select(s => (s.Block, s.AheadRaw / Coin)), Is.EqualTo(new[] { (11L, 4.0), (12L, 2.0), (13L, 0.5), (14L, 0.0) }));
        Assert.That(x.Path.Select(s => s.TimeMs), Is.EqualTo(new[] { TimeOf(11), TimeOf(12), TimeOf(13) }));
    }

    [Test]
    public void The_replay_knows_whether_and_when_each_order_filled_and_how_it_left()
    {
        var x = Real(X);
        var y = Real(Y);
        Assert.That((x.FirstFillTimeMs, x.FilledRaw / Coin, x.End, x.EndBlock), Is.EqualTo((TimeOf(13), 1.0, OrderEnd.Filled, 14L)));
        Assert.That((y.FirstFillTimeMs, y.FilledRaw / Coin, y.End, y.EndBlock), Is.EqualTo((TimeOf(14), 0.5, OrderEnd.Resting, -1L)));
        Assert.That((x.TimeToFillMs, y.TimeToFillMs), Is.EqualTo((200L, 300L)));
    }

    [Test]
    public void Every_maker_fill_is_at_the_head_of_its_queue_and_nothing_is_inconsistent()
    {
        Assert.That(_study.Truth.Checks, Is.EqualTo(new ReplayChecks(4, 4, 0, 0, 0, 0, 0, 0, 0)), "A and X in block 13, X and Y in block 14");
    }

    [Test]
    public void The_L2_tape_is_the_snapshot_then_per_block_its_trades_and_the_top_of_the_book()
    {
        var tape = _study.Truth.Tape.Span.ToArray();
        Assert.That(tape.Select(e => e.Kind), Is.EqualTo(new[]
        {
            EventKind.Book, EventKind.Book, EventKind.Book, EventKind.Trade, EventKind.Trade, EventKind.Book, EventKind.Trade, EventKind.Trade, EventKind.Book,
        }));
        Assert.That(tape[0].ExchangeTimeMs, Is.EqualTo(T0 - 1), "the snapshot's book just before the first block");
        var afterCancel = tape[2];
        Assert.That((afterCancel.Bids[0].Px.Raw / Coin, afterCancel.Bids[0].Sz.Raw / Coin, afterCancel.Bids[0].Count), Is.EqualTo((100.0, 3.0, 3)), "A, X and Y");
        Assert.That((afterCancel.Bids[1].Sz.Raw / Coin, afterCancel.Asks[0].Px.Raw / Coin, afterCancel.BidCount, afterCancel.AskCount), Is.EqualTo((5.0, 101.0, 2, 2)));
        var trades = tape.Where(e => e.Kind == EventKind.Trade).ToArray();
        Assert.That(trades.Select(t => (t.Tid, t.Sz.Raw / Coin, t.Side, t.ExchangeTimeMs)), Is.EqualTo(new[]
        {
            (1L, 1.0, Side.Sell, TimeOf(13)), (2L, 0.5, Side.Sell, TimeOf(13)), (3L, 0.5, Side.Sell, TimeOf(14)), (4L, 0.5, Side.Sell, TimeOf(14)),
        }));
    }

    /// <summary>
    /// Each twin is placed at t0 against the snapshot's level at 100 (A + B = 3.0), so the model's queue ahead starts at 3.0;
    /// block 11's book shows 5.0 (growth is behind us). Block 12's book shows 3.0: a cancellation of 2.0 with front = 3, back = 5 − 3 = 2.
    /// risk-averse keeps min(3, 3) = 3; the probabilistic rules take p = f(2) / (f(2) + f(3)) and move up by (1 − p)·2:
    /// n=1: p = 2/5 → 1.8; n=2: p = 4/13 → 3 − 18/13; n=3: p = 8/35 → 3 − 54/35; log: p = ln 3 / (ln 3 + ln 4).
    /// Block 13 trades 1.5 at 100 (queue − 1.5): only n=3 goes below zero (fills 3/35 − … = 0.0428…); block 14 trades 1.0 more.
    /// Touch fills all of it on the first trade at its price. Both twins see the same book, so X's and Y's predictions are equal.
    /// </summary>
    private static IEnumerable<TestCaseData> HandWorked()
    {
        var log = 3 - 2 * (Math.Log(4) / (Math.Log(3) + Math.Log(4)));
        yield return new TestCaseData("touch", double.NaN, 13, 1.0);
        yield return new TestCaseData("queue risk-averse", 3.0, -1, 0.0);
        yield return new TestCaseData("queue power n=1", 1.8, 14, 0.2 + 0.5);
        yield return new TestCaseData("queue power n=2", 3 - 18.0 / 13, 14, 0.5 - (3 - 18.0 / 13 - 1.5) + 0.5);
        yield return new TestCaseData("queue power n=3", 3 - 54.0 / 35, 13, 1.0);
        yield return new TestCaseData("queue log", log, 14, 0.5 - (log - 1.5) + 0.5);
    }

    [TestCaseSource(nameof(HandWorked))]
    public void Each_model_predicts_what_its_rule_gives_by_hand(string model, double aheadAfterCancel, int firstFillBlock, double filled)
    {
        var run = RunOf(model);
        foreach (var real in new[] { Real(X), Real(Y) })
        {
            var twin = run.Predictions[real.Index];
            Assert.That(twin.Answer, Is.EqualTo(OrderStatus.Open));
            Assert.That(twin.QueueAtPlacementRaw / Coin, Is.EqualTo(3.0), "the visible level at 100 before block 11");
            Assert.That(twin.FirstFillTimeMs, Is.EqualTo(firstFillBlock < 0 ? -1 : TimeOf(firstFillBlock)), $"{model}, twin of {real.Oid}");
            Assert.That(twin.FilledRaw / Coin, Is.EqualTo(filled).Within(2e-8), $"{model}, twin of {real.Oid}");
            var atCancel = run.QueueErrors.Where(e => e.Order == real.Index && e.Block == 12).ToList();
            if (double.IsNaN(aheadAfterCancel)) Assert.That(atCancel, Is.Empty, "touch keeps no queue");
            else Assert.That(atCancel.Single().ModelAheadRaw / Coin, Is.EqualTo(aheadAfterCancel).Within(1e-8));
        }
    }

    [Test]
    public void The_queue_errors_compare_the_model_with_the_true_queue_at_every_block_end_at_the_touch()
    {
        var errors = RunOf("queue risk-averse").QueueErrors;
        Assert.That(errors.All(e => e.AtTouch), Is.True, "100 stays the best bid");
        Assert.That(errors.Where(e => e.Order == Real(X).Index).Select(e => (e.Block, e.ModelAheadRaw / Coin, e.TrueAheadRaw / Coin)),
            Is.EqualTo(new[] { (11L, 3.0, 3.0), (12L, 3.0, 1.0), (13L, 1.5, 0.0) }), "X rests to the end of block 13; risk-averse only moves up with trades");
        Assert.That(errors.Where(e => e.Order == Real(Y).Index).Select(e => (e.Block, e.ModelAheadRaw / Coin, e.TrueAheadRaw / Coin)),
            Is.EqualTo(new[] { (11L, 3.0, 4.0), (12L, 3.0, 2.0), (13L, 1.5, 0.5), (14L, 0.5, 0.0) }));
    }

    [Test]
    public void Scores_count_right_and_wrong_fills_and_time_to_fill_errors_from_the_hand_worked_predictions()
    {
        // X filled 200 ms after joining, Y 300 ms. Twins filling at block 13 are 200 ms after placement, at block 14 300 ms.
        var touch = ScoreOf("touch");
        Assert.That((touch.Orders, touch.RealFills, touch.PredictedFills, touch.BothFilled, touch.Accuracy), Is.EqualTo((2, 2, 2, 2, 1.0)));
        Assert.That((touch.TtfMedianAbsErrorMs, touch.TtfBiasMs), Is.EqualTo((50.0, -50.0)), "X exact, Y 100 ms early");
        var risk = ScoreOf("queue risk-averse");
        Assert.That((risk.PredictedFills, risk.BothFilled, risk.Accuracy, risk.PredictedFilledSz), Is.EqualTo((0, 0, 0.0, 0.0)));
        Assert.That(double.IsNaN(risk.TtfMedianAbsErrorMs), Is.True, "no order filled in both");
        var power1 = ScoreOf("queue power n=1");
        Assert.That((power1.Accuracy, power1.TtfMedianAbsErrorMs, power1.TtfP90AbsErrorMs, power1.TtfBiasMs), Is.EqualTo((1.0, 50.0, 90.0, 50.0)), "X 100 ms late, Y exact");
        Assert.That((power1.RealFilledSz, power1.PredictedFilledSz), Is.EqualTo((1.5, 1.4)).Within(1e-9));
    }

    [Test]
    public void The_one_step_test_scores_each_rule_on_the_cancellation_as_it_really_moved_the_queue()
    {
        // B's cancel (2.0) seen from X: front 3, level without X 4 → 2, truly 1 after. From Y: front 4 → 2 after, and Y has nothing
        // behind it (back = 0), so every rule moves it up by the whole 2.0: exact. Errors at X: risk-averse min(3, 2) − 1 = 1;
        // power/log: p = f(1) / (f(1) + f(3)) → 3 − (1 − p)·2 − 1.
        Assert.That(_study.Truth.CancelSteps, Is.EqualTo(new[]
        {
            new CancelStep(Real(X).Index, 12, 3 * (long)Coin, 4 * (long)Coin, 2 * (long)Coin, 1 * (long)Coin, true),
            new CancelStep(Real(Y).Index, 12, 4 * (long)Coin, 4 * (long)Coin, 2 * (long)Coin, 2 * (long)Coin, true),
        }));
        var expected = new Dictionary<string, double>
        {
            ["queue risk-averse"] = 1.0,
            ["queue power n=1"] = 2 - 2 * (3.0 / 4),
            ["queue power n=2"] = 2 - 2 * (9.0 / 10),
            ["queue power n=3"] = 2 - 2 * (27.0 / 28),
            ["queue log"] = 2 - 2 * (Math.Log(4) / (Math.Log(2) + Math.Log(4))),
        };
        foreach (var (model, errorAtX) in expected)
        {
            var score = ScoreOf(model);
            Assert.That(score.CancelSteps, Is.EqualTo(2));
            Assert.That(score.CancelStepMeanAbsError, Is.EqualTo(errorAtX / 2).Within(1e-9), model);
            Assert.That(score.CancelStepBias, Is.EqualTo(errorAtX / 2).Within(1e-9), model);
        }
        Assert.That(ScoreOf("touch").CancelSteps, Is.Zero);
    }
}
