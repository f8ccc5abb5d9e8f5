using CsCheck;
using HlScalper.Engine.Risk;

namespace HlScalper.Engine.Tests;

/// <summary>The rolling-second cancel limit.</summary>
public class CancelThrottleTests
{
    [Test]
    public void No_rolling_second_ever_holds_more_than_the_limit_and_a_free_token_is_never_refused()
    {
        Gen.Select(Gen.Int[1, 12], Gen.Int[0, 300].Array[1, 300]).Sample((limit, gaps) =>
        {
            var throttle = new CancelThrottle(limit);
            var spent = new List<long>();
            long t = 0;
            foreach (var gap in gaps)
            {
                t += gap;
                var inWindow = spent.Count(s => t - s < CancelThrottle.WindowMs);
                var allowed = throttle.TrySpend(t);
                if (allowed != inWindow < limit) return false;
                if (allowed) spent.Add(t);
            }
            return true;
        }, iter: 300);
    }

    [Test]
    public void Ten_cancels_at_once_then_the_eleventh_waits_exactly_one_second()
    {
        var throttle = new CancelThrottle(10);
        for (var i = 0; i < 10; i++) Assert.That(throttle.TrySpend(5_000), Is.True);
        Assert.That(throttle.TrySpend(5_999), Is.False);
        Assert.That(throttle.Available(5_999), Is.Zero);
        Assert.That(throttle.TrySpend(6_000), Is.True);
    }
}
