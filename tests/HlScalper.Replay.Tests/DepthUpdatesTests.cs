using CsCheck;
using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Metrics;
using static HlScalper.Testing.MarketEvents;

namespace HlScalper.Replay.Tests;

public class DepthUpdatesTests
{
    [Test]
    public void A_coins_first_book_is_one_update_a_level_and_the_same_book_again_is_none()
    {
        Assert.That(DepthUpdates.Of(TapeOf(Book(0, 100, 101, 2), Book(1, 100, 101, 2))), Is.EqualTo(10));
    }

    [Test]
    public void A_book_moved_up_a_dollar_is_a_level_in_and_a_level_out_on_each_side_and_a_resize_is_one()
    {
        var moved = DepthUpdates.Of(TapeOf(Book(0, 100, 101, 2), Book(1, 101, 102, 2)));
        Assert.That(moved, Is.EqualTo(10 + 4), "bids gain 101 and lose 96, asks gain 106 and lose 101; the four levels that stayed are no update");
        var resized = DepthUpdates.Of(TapeOf(Book(0, 100, 101, 2), Book(1, 100, 101, 2, bestBidLots: 3)));
        Assert.That(resized, Is.EqualTo(10 + 1));
    }

    [Test]
    public void Trades_count_one_each_and_each_coin_is_diffed_against_its_own_last_book()
    {
        var ethBook = Book(2, 100, 101, 2);
        ethBook.Coin = 1;
        var tape = TapeOf(Book(0, 100, 101, 2), Trade(1, 100, 1, Side.Sell), ethBook, Trade(3, 101, 1, Side.Buy), Book(4, 100, 101, 2));
        Assert.That(DepthUpdates.Of(tape), Is.EqualTo(10 + 1 + 10 + 1 + 0), "ETH's first book is new whatever BTC's book was; BTC's second is unchanged");
    }

    /// <summary>One side: distinct prices from a narrow range (so consecutive books share many), sizes from a few values.</summary>
    private static readonly Gen<(int Px, int Sz)[]> Levels = Gen.Int[0, 29].HashSet[0, BookLevels.Capacity]
        .SelectMany(prices => Gen.Int[1, 3].Array[prices.Count].Select(sizes => prices.Zip(sizes).ToArray()));

    [Test]
    public void The_count_is_what_a_price_to_size_map_of_each_side_gives()
    {
        Gen.Select(Levels, Levels).Array[1, 12].Sample(books =>
        {
            var events = books.Select((b, i) => BookOf(i, b.Item1, b.Item2)).ToArray();
            long expected = 0;
            var (bids, asks) = (new Dictionary<int, int>(), new Dictionary<int, int>());
            foreach (var (b, a) in books)
            {
                expected += Changed(bids, b) + Changed(asks, a);
                (bids, asks) = (b.ToDictionary(l => l.Px, l => l.Sz), a.ToDictionary(l => l.Px, l => l.Sz));
            }
            Assert.That(DepthUpdates.Of(TapeOf(events)), Is.EqualTo(expected));
        });
    }

    private static int Changed(Dictionary<int, int> before, (int Px, int Sz)[] after) =>
        after.Count(l => !before.TryGetValue(l.Px, out var sz) || sz != l.Sz) + before.Keys.Count(px => after.All(l => l.Px != px));

    private static MarketEvent BookOf(long time, (int Px, int Sz)[] bids, (int Px, int Sz)[] asks)
    {
        var e = new MarketEvent();
        e.Reset(EventKind.Book, 0, time);
        (e.BidCount, e.AskCount) = ((byte)bids.Length, (byte)asks.Length);
        for (var i = 0; i < bids.Length; i++) e.Bids[i] = new BookLevel(new(bids[i].Px * Usd), new(bids[i].Sz * Lot), 1);
        for (var i = 0; i < asks.Length; i++) e.Asks[i] = new BookLevel(new(asks[i].Px * Usd), new(asks[i].Sz * Lot), 1);
        return e;
    }

    private static EventTape TapeOf(params MarketEvent[] events) => new(events, events.Length, new CoinTable("BTC", "ETH"));
}
