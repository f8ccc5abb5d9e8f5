using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;

namespace HlScalper.Replay.Tests;

public class SyntheticMarketTests
{
    [Test]
    public void Same_seed_gives_the_same_stream_and_another_seed_does_not()
    {
        var a = ReplayHarness.SyntheticTape(120_000, seed: 5);
        var b = ReplayHarness.SyntheticTape(120_000, seed: 5);
        var c = ReplayHarness.SyntheticTape(120_000, seed: 6);
        Assert.That(a.Count, Is.EqualTo(b.Count));
        Assert.That(System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.Span).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(b.Span)), Is.True);
        Assert.That(System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.Span).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(c.Span)), Is.False);
    }

    [Test]
    public void Books_are_valid_uncrossed_one_tick_grids_and_trades_print_at_the_touch()
    {
        var tape = ReplayHarness.SyntheticTape(600_000);
        long books = 0, trades = 0, previousTime = 0;
        var meta = AssetMeta.BtcPerp;
        Px lastBid = default, lastAsk = default;
        foreach (ref readonly var e in tape.Span)
        {
            Assert.That(e.ExchangeTimeMs, Is.GreaterThanOrEqualTo(previousTime));
            previousTime = e.ExchangeTimeMs;
            if (e.Kind == EventKind.Book)
            {
                books++;
                Assert.That(e.Bids[0].Px, Is.LessThan(e.Asks[0].Px));
                for (var i = 0; i < e.BidCount; i++)
                {
                    Assert.That(meta.IsValidPrice(e.Bids[i].Px.Raw) && meta.IsValidPrice(e.Asks[i].Px.Raw), Is.True);
                    Assert.That(e.Bids[i].Sz.Raw > 0 && e.Asks[i].Sz.Raw > 0, Is.True);
                }
                lastBid = e.Bids[0].Px;
                lastAsk = e.Asks[0].Px;
            }
            else if (e.Kind == EventKind.Trade)
            {
                trades++;
                Assert.That(meta.IsValidPrice(e.Px.Raw), Is.True);
            }
        }
        // ~0.55 s blocks over 10 minutes, and several trades a second.
        Assert.That(books, Is.InRange(900, 1300));
        Assert.That(trades, Is.GreaterThan(books));
        Assert.That(lastAsk.Raw - lastBid.Raw, Is.GreaterThan(0));
    }

    [Test]
    public void Volatility_clusters_one_minute_ranges_differ_widely()
    {
        var tape = ReplayHarness.SyntheticTape(3_600_000);
        var ranges = new List<long>();
        long start = tape.FirstTimeMs, lo = long.MaxValue, hi = long.MinValue;
        foreach (ref readonly var e in tape.Span)
        {
            if (e.Kind != EventKind.Trade) continue;
            if (e.ExchangeTimeMs - start >= 60_000)
            {
                ranges.Add(hi - lo);
                start = e.ExchangeTimeMs;
                lo = long.MaxValue;
                hi = long.MinValue;
            }
            lo = Math.Min(lo, e.Px.Raw);
            hi = Math.Max(hi, e.Px.Raw);
        }
        ranges.Sort();
        Assert.That(ranges, Has.Count.GreaterThan(50));
        TestContext.Out.WriteLine($"1-min ranges (USD): p10 {ranges[ranges.Count / 10] / 1e8} p50 {ranges[ranges.Count / 2] / 1e8} p90 {ranges[ranges.Count * 9 / 10] / 1e8}");
        Assert.That(ranges[ranges.Count * 9 / 10], Is.GreaterThan(2 * ranges[ranges.Count / 10]));
    }
}
