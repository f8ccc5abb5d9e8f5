using HlScalper.Engine.Book;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;

namespace HlScalper.Replay.Data;

/// <summary>What a set of tick files holds for one coin: the figures <c>hlscalper inspect</c> prints.</summary>
public sealed record CoinSummary(
    string Coin,
    long BookSnapshots,
    long Trades,
    long UniqueTids,
    long BboUpdates,
    long FirstTimeMs,
    long LastTimeMs,
    Px LastBidPx,
    Sz LastBidSz,
    Px LastAskPx,
    Sz LastAskSz)
{
    /// <summary>Per-coin figures of a loaded set; <see cref="Trades"/> counts duplicates too, <see cref="UniqueTids"/> does not.</summary>
    public static IReadOnlyList<CoinSummary> Of(LoadResult load)
    {
        var tape = load.Tape;
        var result = new List<CoinSummary>();
        for (ushort coin = 0; coin < tape.Coins.Count; coin++)
        {
            long books = 0, trades = 0, bbos = 0, first = long.MaxValue, last = long.MinValue;
            var book = new L2Book();
            foreach (ref readonly var e in tape.Span)
            {
                if (e.Coin != coin) continue;
                first = Math.Min(first, e.ExchangeTimeMs);
                last = Math.Max(last, e.ExchangeTimeMs);
                switch (e.Kind)
                {
                    case EventKind.Book:
                        books++;
                        book.ApplySnapshot(in e);
                        break;
                    case EventKind.Bbo:
                        bbos++;
                        book.ApplyBbo(in e);
                        break;
                    case EventKind.Trade:
                        trades++;
                        break;
                }
            }
            if (first == long.MaxValue) continue;
            var duplicates = load.DuplicatesByCoin.GetValueOrDefault(coin);
            result.Add(new CoinSummary(tape.Coins.NameOf(coin), books, trades + duplicates, trades, bbos, first, last,
                book.BestBid, book.BestBidSize, book.BestAsk, book.BestAskSize));
        }
        return result;
    }
}
