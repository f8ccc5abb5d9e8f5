using System.Collections.Concurrent;
using CsCheck;
using HlScalper.Protocol.Signing;

namespace HlScalper.Protocol.Tests;

/// <summary>Nonces: unique under concurrent reservation, strictly increasing, skew warnings at the window's edges.</summary>
public class NonceSourceTests
{
    [Test]
    public void Concurrent_reservations_never_overlap()
    {
        Gen.Select(Gen.Int[2, 4], Gen.Int[1, 8].Array[50, 200]).Sample((threads, sizes) =>
        {
            var source = new NonceSource();
            var taken = new ConcurrentBag<long>();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
            {
                foreach (var size in sizes)
                {
                    var first = source.Reserve(size);
                    for (var k = 0; k < size; k++) taken.Add(first + k);
                }
            });
            var all = taken.ToArray();
            return all.Length == threads * sizes.Sum() && all.Distinct().Count() == all.Length && source.Last == all.Max();
        }, iter: 20);
    }

    [Test]
    public void Nonces_follow_the_clock_and_stay_strictly_increasing_when_it_stalls_or_steps_back()
    {
        var clock = new ManualClock(1_700_000_000_000);
        var source = new NonceSource(clock);

        var a = source.Next();
        var b = source.Next();
        clock.Now = 1_699_999_000_000;
        var c = source.Next();
        clock.Now = 1_700_000_500_000;
        var d = source.Reserve(3);
        var e = source.Next();

        Assert.That(new[] { a, b, c, d, e }, Is.EqualTo(new[] { 1_700_000_000_000, 1_700_000_000_001, 1_700_000_000_002, 1_700_000_500_000, 1_700_000_500_003 }));
    }

    [Test]
    public void Skew_warns_near_the_edges_of_the_exchange_window_and_not_otherwise()
    {
        var now = 1_700_000_000_000L;
        var source = new NonceSource(new ManualClock(now));
        var hour = 3_600_000L;

        Assert.That(source.CheckSkew(now - hour), Is.Null);
        Assert.That(source.CheckSkew(now - 13 * hour), Does.Contain("ahead"));
        Assert.That(source.CheckSkew(now + 25 * hour), Does.Contain("behind"));
    }
}
