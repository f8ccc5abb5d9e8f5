using HlScalper.Engine.Alarms;
using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Strategy;

namespace HlScalper.Engine.Tests;

/// <summary>A refused order is resent with a growing wait, and a refusal retrying cannot change ends an exit's retries with an alarm.</summary>
public class RefusalBackoffTests
{
    private const long T0 = ScenarioHarness.T0;

    /// <summary>Opens a long, lets it time out, and for a minute of 10 ms timers refuses every exit the runner sends with <paramref name="refusal"/>.</summary>
    private static (ScenarioHarness Harness, List<long> ExitTimes) RefuseEveryExit(OrderStatus refusal)
    {
        var h = new ScenarioHarness();
        h.OpenLong(fillMs: T0 + 1_500);
        var times = new List<long>();
        var answered = 0;
        for (var t = T0 + 6_500; t < T0 + 66_500; t += 10)
        {
            h.Feed(StrategyEvents.Timer(t));
            var exits = h.PlacesFor(IntentReason.TimeoutExit).ToList();
            for (; answered < exits.Count; answered++)
            {
                times.Add(t);
                h.Feed(StrategyEvents.Update(t + 5, exits[answered], refusal));
            }
        }
        return (h, times);
    }

    [Test]
    public void An_exit_refused_for_minimum_value_is_tried_three_times_then_stops_with_an_alarm_and_the_refusal_in_the_stats()
    {
        var (h, times) = RefuseEveryExit(OrderStatus.MinTradeNtlRejected);
        Assert.Multiple(() =>
        {
            Assert.That(times, Has.Count.EqualTo(RefusalBackoff.PermanentAttempts), "6,000 timer events, 3 exits");
            Assert.That(times[1] - times[0], Is.GreaterThanOrEqualTo(RefusalBackoff.BaseMs), "the first resend waits the base backoff");
            Assert.That(times[2] - times[1], Is.GreaterThanOrEqualTo(2 * RefusalBackoff.BaseMs), "the second waits twice as long");
            Assert.That(h.Alarms.Alarms.Where(a => a.Kind == AlarmKind.OrderRefused).Select(a => (OrderStatus)(int)a.Value),
                Is.EqualTo(new[] { OrderStatus.MinTradeNtlRejected }), "one alarm, naming the refusal");
            Assert.That(h.Stats.GaveUpOn(OrderRole.Exit), Is.EqualTo(OrderStatus.MinTradeNtlRejected));
            Assert.That(h.Stats.Rejects, Is.EqualTo(RefusalBackoff.PermanentAttempts), "each refusal counted once");
            Assert.That(h.Stats.HeldBack, Is.GreaterThan(0), "later exits were held back, not sent");
            Assert.That(h.Stats.ToString(), Does.Contain("gave_up[exit=MinTradeNtlRejected]"));
        });
    }

    [Test]
    public void An_exit_refused_for_a_reason_that_may_pass_backs_off_doubling_up_to_the_cap_and_keeps_trying()
    {
        var (h, times) = RefuseEveryExit(OrderStatus.IocCancelRejected);
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
        Assert.Multiple(() =>
        {
            // 250, 500, 1000, 2000, 4000, then 8000 ms: about a dozen in a minute (at the 1 s exit retry pace it would be 60, unpaced thousands).
            Assert.That(times, Has.Count.InRange(8, 15));
            Assert.That(gaps, Is.Ordered, "each wait at least the one before");
            Assert.That(gaps[^1], Is.InRange(RefusalBackoff.MaxMs, RefusalBackoff.MaxMs + 1_000), "capped at the longest wait");
            Assert.That(h.Stats.GaveUpOn(OrderRole.Exit), Is.EqualTo(OrderStatus.Unknown), "it never gives up on a refusal that may pass");
            Assert.That(h.Alarms.Alarms.Where(a => a.Kind == AlarmKind.OrderRefused), Is.Empty);
        });
    }

    [Test]
    public void An_accepted_order_resets_the_backoff_and_entries_refused_for_margin_back_off_without_giving_up()
    {
        var backoff = new RefusalBackoff();
        for (var i = 0; i < 5; i++) backoff.OnRefused(OrderStatus.PerpMarginRejected, T0, mayGiveUp: false);
        Assert.Multiple(() =>
        {
            Assert.That(backoff.GaveUp, Is.False, "an entry is a new decision each time");
            Assert.That(backoff.MayTry(T0 + RefusalBackoff.BaseMs * 16 - 1), Is.False, "five refusals: 16 × the base wait");
            Assert.That(backoff.MayTry(T0 + RefusalBackoff.BaseMs * 16), Is.True);
        });
        backoff.OnAccepted();
        Assert.That(backoff.MayTry(T0), Is.True, "accepted: no wait");
        for (var i = 0; i < RefusalBackoff.PermanentAttempts; i++) backoff.OnRefused(OrderStatus.ReduceOnlyRejected, T0);
        Assert.That(backoff.GaveUpOn, Is.EqualTo(OrderStatus.ReduceOnlyRejected));
    }
}
