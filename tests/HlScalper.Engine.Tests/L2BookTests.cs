using System.Runtime.CompilerServices;
using HlScalper.Engine.Book;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;

namespace HlScalper.Engine.Tests;

public class L2BookTests
{
    internal static MarketEvent Snapshot((string px, string sz)[] bids, (string px, string sz)[] asks, long time = 1)
    {
        var e = new MarketEvent();
        e.Reset(EventKind.Book, 0, time);
        for (var i = 0; i < bids.Length; i++) e.Bids[i] = new BookLevel(Px.Parse(bids[i].px), Sz.Parse(bids[i].sz), 1);
        for (var i = 0; i < asks.Length; i++) e.Asks[i] = new BookLevel(Px.Parse(asks[i].px), Sz.Parse(asks[i].sz), 1);
        e.BidCount = (byte)bids.Length;
        e.AskCount = (byte)asks.Length;
        return e;
    }

    [Test]
    public void Market_event_size_is_the_documented_one() =>
        Assert.That(Unsafe.SizeOf<MarketEvent>(), Is.EqualTo(MarketEvent.SizeInBytes));

    [Test]
    public void Snapshot_gives_touch_mid_spread_imbalance_and_micro_price()
    {
        var book = new L2Book();
        Assert.That(book.IsTrusted, Is.False);
        var e = Snapshot([("100", "3"), ("99", "1")], [("101", "1"), ("102", "5")]);
        book.ApplySnapshot(ref e);
        Assert.Multiple(() =>
        {
            Assert.That(book.IsTrusted, Is.True);
            Assert.That(book.BestBid, Is.EqualTo(Px.Parse("100")));
            Assert.That(book.BestAsk, Is.EqualTo(Px.Parse("101")));
            Assert.That(book.Mid, Is.EqualTo(100.5));
            Assert.That(book.SpreadBps, Is.EqualTo(1 / 100.5 * 10_000).Within(1e-9));
            Assert.That(book.Imbalance(1), Is.EqualTo(0.75));
            Assert.That(book.Imbalance(2), Is.EqualTo(4.0 / 10));
            Assert.That(book.Imbalance(20), Is.EqualTo(4.0 / 10));
            Assert.That(book.MicroPrice, Is.EqualTo((100 * 1 + 101 * 3) / 4.0));
            Assert.That(book.SizeAt(Side.Sell, Px.Parse("102")), Is.EqualTo(Sz.Parse("5")));
        });
    }

    [Test]
    public void Bbo_replaces_the_top_and_drops_levels_it_crossed()
    {
        var book = new L2Book();
        var e = Snapshot([("100", "3"), ("99", "1"), ("98", "2")], [("101", "1"), ("102", "5")]);
        book.ApplySnapshot(ref e);

        var bbo = Snapshot([("99", "7")], [("100", "2")], time: 2);
        bbo.Kind = EventKind.Bbo;
        book.ApplyBbo(ref bbo);
        Assert.Multiple(() =>
        {
            Assert.That(book.Bids.ToArray().Select(l => l.Px.ToString()), Is.EqualTo(new[] { "99", "98" }));
            Assert.That(book.BestBidSize, Is.EqualTo(Sz.Parse("7")));
            Assert.That(book.Asks.ToArray().Select(l => l.Px.ToString()), Is.EqualTo(new[] { "100", "101", "102" }));
            Assert.That(book.TimeMs, Is.EqualTo(2));
        });
    }

    [Test]
    public void A_one_sided_or_empty_book_has_no_mid_and_neutral_imbalance()
    {
        var book = new L2Book();
        var e = Snapshot([("100", "3")], []);
        book.ApplySnapshot(ref e);
        Assert.Multiple(() =>
        {
            Assert.That(book.HasTwoSides, Is.False);
            Assert.That(book.Mid, Is.NaN);
            Assert.That(book.SpreadBps, Is.NaN);
            Assert.That(book.Imbalance(5), Is.EqualTo(1.0));
        });
        book.Clear();
        Assert.That(book.Imbalance(5), Is.EqualTo(0.5));
    }

    [Test]
    public void Invalidate_keeps_levels_but_drops_trust_until_the_next_snapshot()
    {
        var book = new L2Book();
        var e = Snapshot([("100", "3")], [("101", "1")]);
        book.ApplySnapshot(ref e);
        book.Invalidate();
        Assert.That(book.IsTrusted, Is.False);
        Assert.That(book.BestBid, Is.EqualTo(Px.Parse("100")));
        book.ApplySnapshot(ref e);
        Assert.That(book.IsTrusted, Is.True);
    }

    [Test]
    public void Applying_books_allocates_nothing()
    {
        var book = new L2Book();
        var e = Snapshot([("100", "3"), ("99", "1")], [("101", "1"), ("102", "5")]);
        var bbo = Snapshot([("100", "2")], [("101", "4")]);
        book.ApplySnapshot(ref e);
        book.ApplyBbo(ref bbo);
        double sink = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            book.ApplySnapshot(ref e);
            book.ApplyBbo(ref bbo);
            sink += book.Imbalance(5) + book.SpreadBps + book.MicroPrice;
        }
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(sink, Is.GreaterThan(0));
    }
}
