using CsCheck;
using HlScalper.Engine.Events;
using HlScalper.Replay.QueueStudy;

namespace HlScalper.Replay.Tests.QueueStudy;

/// <summary>The exact FIFO book against a plain list of orders per price, under random joins, resizes and removals.</summary>
public class L4BookTests
{
    [Test]
    public void Orders_queue_first_in_first_out_and_keep_their_place_when_resized()
    {
        var book = new L4Book();
        Assert.That(book.Add(1, Side.Buy, 100, 10) && book.Add(2, Side.Buy, 100, 20) && book.Add(3, Side.Buy, 100, 5), Is.True);
        Assert.That((book.SizeAhead(1), book.SizeAhead(2), book.SizeAhead(3)), Is.EqualTo((0L, 10L, 30L)));
        book.Resize(1, 4);
        Assert.That((book.SizeAhead(2), book.SizeAhead(3), book.LevelSize(Side.Buy, 100)), Is.EqualTo((4L, 24L, 29L)));
        book.Remove(2);
        Assert.That(book.Queue(Side.Buy, 100), Is.EqualTo(new[] { (1L, 0L), (3L, 4L) }));
        Assert.That((book.Add(3, Side.Buy, 101, 1), book.Resize(9, 1), book.Remove(9), book.SizeAhead(9)), Is.EqualTo((false, false, false, -1L)));
    }

    [Test]
    public void The_top_of_the_book_is_best_first_with_sizes_and_counts_and_at_most_twenty_levels()
    {
        var book = new L4Book();
        for (var i = 0; i < 25; i++)
        {
            book.Add(i, Side.Buy, 1000 - i, 1);
            book.Add(100 + i, Side.Sell, 1001 + i, 2);
        }
        book.Add(200, Side.Buy, 1000, 3);
        var e = new MarketEvent();
        book.WriteTop(ref e);
        Assert.That((e.BidCount, e.AskCount), Is.EqualTo(((byte)20, (byte)20)));
        Assert.That((e.Bids[0].Px.Raw, e.Bids[0].Sz.Raw, e.Bids[0].Count, e.Bids[19].Px.Raw), Is.EqualTo((1000L, 4L, 2, 981L)));
        Assert.That((e.Asks[0].Px.Raw, e.Asks[0].Sz.Raw, e.Asks[19].Px.Raw), Is.EqualTo((1001L, 2L, 1020L)));
        Assert.That(book.TryGetBest(Side.Sell, out var ask) && ask == 1001, Is.True);
    }

    /// <summary>One operation: join (side, price offset, size), resize or remove an existing order picked by index.</summary>
    public readonly record struct Op(int Kind, bool Buy, int Px, int Size, int Pick);

    [Test]
    public void Size_ahead_level_sizes_and_counts_match_a_plain_list_per_price_under_random_operations()
    {
        var op = Gen.Select(Gen.Int[0, 2], Gen.Bool, Gen.Int[0, 4], Gen.Int[1, 50], Gen.Int[0, 1000]).Select((k, b, p, s, i) => new Op(k, b, p, s, i));
        op.Array[1, 120].Sample(ops =>
        {
            var book = new L4Book();
            var model = new Dictionary<(Side, long), List<(long Oid, long Size)>>();
            long next = 1;
            foreach (var o in ops)
            {
                var all = model.SelectMany(kv => kv.Value.Select(x => (kv.Key, x.Oid))).ToList();
                if (o.Kind == 0 || all.Count == 0)
                {
                    var key = (o.Buy ? Side.Buy : Side.Sell, 100L + o.Px);
                    book.Add(next, key.Item1, key.Item2, o.Size);
                    (model.TryGetValue(key, out var list) ? list : model[key] = []).Add((next++, o.Size));
                    continue;
                }
                var (level, oid) = all[o.Pick % all.Count];
                var queue = model[level];
                var at = queue.FindIndex(x => x.Oid == oid);
                if (o.Kind == 1)
                {
                    book.Resize(oid, o.Size);
                    queue[at] = (oid, o.Size);
                }
                else
                {
                    book.Remove(oid);
                    queue.RemoveAt(at);
                    if (queue.Count == 0) model.Remove(level);
                }
            }
            Assert.That(book.OrderCount, Is.EqualTo(model.Values.Sum(q => q.Count)));
            foreach (var ((side, px), queue) in model)
            {
                Assert.That(book.LevelSize(side, px), Is.EqualTo(queue.Sum(x => x.Size)));
                for (var i = 0; i < queue.Count; i++) Assert.That(book.SizeAhead(queue[i].Oid), Is.EqualTo(queue.Take(i).Sum(x => x.Size)));
            }
            Assert.That(book.LevelCount(Side.Buy) + book.LevelCount(Side.Sell), Is.EqualTo(model.Count));
        });
    }
}
