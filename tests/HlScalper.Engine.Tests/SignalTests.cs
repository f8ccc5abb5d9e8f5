using CsCheck;
using HlScalper.Engine.Book;
using HlScalper.Engine.Events;
using HlScalper.Engine.Signals;
using HlScalper.Engine.Strategy;

namespace HlScalper.Engine.Tests;

/// <summary>Imbalance, spread and time-decayed momentum, and the trigger built on them.</summary>
public class SignalTests
{
    [Test]
    public void Ema_decays_by_elapsed_time_not_by_the_number_of_updates()
    {
        var burst = new TimeDecayEma(15_000);
        burst.Update(100, 0);
        for (var i = 0; i < 1_000; i++) burst.Update(200, 0);
        Assert.That(burst.Value, Is.EqualTo(100), "a thousand updates at the same instant carry no weight");

        burst.Update(200, 15_000);
        Assert.That(burst.Value, Is.EqualTo(100 + 100 * (1 - Math.Exp(-1))).Within(1e-9), "one time constant: 1 − 1/e of the gap");
    }

    [Test]
    public void Ema_after_two_steps_equals_one_step_of_the_same_total_time()
    {
        Gen.Select(Gen.Int[1, 20_000], Gen.Int[1, 20_000]).Sample((a, b) =>
        {
            var split = new TimeDecayEma(15_000);
            split.Update(0, 0);
            split.Update(1, a);
            split.Update(1, a + b);
            var whole = new TimeDecayEma(15_000);
            whole.Update(0, 0);
            whole.Update(1, a + b);
            return Math.Abs(split.Value - whole.Value) < 1e-12;
        }, iter: 200);
    }

    [Test]
    public void Signals_from_a_book_match_their_definitions()
    {
        var book = new L2Book();
        var e = StrategyEvents.Book(1_000, 90_000m, 90_010m, bidSz: 3m, askSz: 1m);
        book.ApplySnapshot(in e);
        var s = new SignalState(5, 15_000);
        s.Update(book, 1_000);
        var e2 = StrategyEvents.Book(16_000, 90_010m, 90_020m, bidSz: 3m, askSz: 1m);
        book.ApplySnapshot(in e2);
        s.Update(book, 16_000);
        Assert.Multiple(() =>
        {
            Assert.That(s.Imbalance, Is.EqualTo(0.75));
            Assert.That(s.SpreadBps, Is.EqualTo(10 / 90_015.0 * 10_000).Within(1e-12));
            Assert.That(s.Momentum, Is.EqualTo(10 * Math.Exp(-1)).Within(1e-9), "mid − EMA after one time constant");
            Assert.That(s.IsValid, Is.True);
        });
    }

    [Test]
    public void Long_and_short_triggers_never_hold_together_and_respect_the_direction()
    {
        var rules = new TriggerRules(0.6, 2, TradeDirection.Both);
        var longOnly = new TriggerRules(0.6, 2, TradeDirection.LongOnly);
        Gen.Select(Gen.Int[0, 10], Gen.Int[0, 10], Gen.Int[-5, 5]).Sample((bidSz, askSz, move) =>
        {
            var book = new L2Book();
            var s = new SignalState(5, 15_000);
            var a = StrategyEvents.Book(0, 90_000m, 90_004m, bidSz, askSz);
            book.ApplySnapshot(in a);
            s.Update(book, 0);
            var b = StrategyEvents.Book(1_000, 90_000m + move, 90_004m + move, bidSz, askSz);
            book.ApplySnapshot(in b);
            s.Update(book, 1_000);
            var both = rules.Holds(in s, Side.Buy) && rules.Holds(in s, Side.Sell);
            return !both && !longOnly.Holds(in s, Side.Sell) && rules.Holds(in s, Side.Buy) == (s.Imbalance > 0.6 && move > 0);
        }, iter: 300);
    }
}
