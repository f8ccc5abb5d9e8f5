using CsCheck;
using HlScalper.Replay.Data.Compact;

namespace HlScalper.Replay.Tests;

/// <summary><see cref="RecentTids"/>: repeats of a trade are found as a set of every tid finds them, while it holds only the window's tids.</summary>
public class RecentTidsTests
{
    [Test]
    public void A_tid_met_again_within_the_window_is_a_repeat_and_one_met_after_it_is_new()
    {
        var tids = new RecentTids();
        Assert.That(tids.Add(7, 1_000), Is.True);
        Assert.That(tids.Add(7, 1_000), Is.False);
        Assert.That(tids.Add(7, 1_000 + RecentTids.WindowMs), Is.False, "at the window's edge it is still remembered");
        Assert.That(tids.Add(8, 1_001 + RecentTids.WindowMs), Is.True);
        Assert.That(tids.Add(7, 1_001 + RecentTids.WindowMs), Is.True, "forgotten once it is older than the window");
    }

    [Test]
    public void Two_days_of_a_trade_a_second_hold_only_the_last_windows_tids()
    {
        var tids = new RecentTids();
        var peak = 0;
        for (long t = 0; t < 2 * 86_400; t++)
        {
            Assert.That(tids.Add(t, t * 1000), Is.True);
            peak = Math.Max(peak, tids.Count);
        }
        Assert.That(peak, Is.EqualTo(RecentTids.WindowMs / 1000 + 1));
    }

    [Test]
    public void When_every_copy_of_a_trade_has_its_time_the_repeats_are_those_a_set_of_every_tid_finds()
    {
        // Trades in time order, each tid at one time (a tenth of the window apart), met once or several times.
        Gen.Int[0, 400].Array[1, 300].Sample(picks =>
        {
            var recent = new RecentTids();
            var all = new HashSet<long>();
            foreach (var tid in picks.Order())
                if (recent.Add(tid, tid * (RecentTids.WindowMs / 10)) != all.Add(tid)) return false;
            return true;
        }, iter: 500);
    }
}
