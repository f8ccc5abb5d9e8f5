using CsCheck;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Gateway.Codec;
using HlScalper.Tests.Gateway.Support;

namespace HlScalper.Tests.Gateway;

/// <summary>Messages written from events parse back, through the production codec, to the same events.</summary>
public class HlMessageWriterTests
{
    private static readonly CoinTable Coins = new("BTC", "ETH");

    private static readonly Gen<MarketEvent> Books =
        Gen.Select(Gen.Int[0, 20], Gen.Int[0, 20], Gen.Long[1, 1_000_000], Gen.Long[1_700_000_000_000, 1_800_000_000_000], Gen.UShort[0, 1])
            .Select((bids, asks, mid, time, coin) =>
            {
                var e = new MarketEvent();
                e.Reset(EventKind.Book, coin, time);
                for (var i = 0; i < bids; i++) e.Bids[i] = new BookLevel(new Px((mid - i - 1) * 1_000_000), new Sz((i + 1) * 12_345), i + 1);
                for (var i = 0; i < asks; i++) e.Asks[i] = new BookLevel(new Px((mid + i) * 1_000_000), new Sz((i + 3) * 10_000), 2 * i + 1);
                e.BidCount = (byte)bids;
                e.AskCount = (byte)asks;
                return e;
            });

    [Test]
    public void L2Book_messages_parse_back_to_the_same_book()
    {
        var writer = new HlMessageWriter(Coins);
        var codec = new HlCodec(Coins);
        var log = new EventLog();
        Books.Sample(e =>
        {
            log.Clear();
            var sink = new CollectingSink(log);
            var kind = codec.Parse(writer.L2Book(ref e).Span, ref sink, 0);
            return kind == HlMessageKind.L2Book && log.Count == 1 && EventText.Of(in log[0]) == EventText.Of(in e);
        }, iter: 500, threads: 1);
        Assert.That(codec.Counters.Malformed + codec.Counters.Fallbacks, Is.Zero, "the fast scanner understood every message");
    }

    [Test]
    public void Trade_messages_parse_back_to_the_same_trade()
    {
        var writer = new HlMessageWriter(Coins);
        var codec = new HlCodec(Coins);
        var log = new EventLog();
        Gen.Select(Gen.Long[1, 10_000_000_000_000], Gen.Long[1, 100_000_000_000], Gen.Bool, Gen.Long[0, 1L << 50]).Sample((px, sz, buy, tid) =>
        {
            var e = new MarketEvent();
            e.Reset(EventKind.Trade, 1, 1_750_000_000_000);
            e.Px = new Px(px);
            e.Sz = new Sz(sz);
            e.Side = buy ? Side.Buy : Side.Sell;
            e.Tid = tid;
            log.Clear();
            var sink = new CollectingSink(log);
            var kind = codec.Parse(writer.Trade(ref e).Span, ref sink, 0);
            return kind == HlMessageKind.Trades && log.Count == 1 && EventText.Of(in log[0]) == EventText.Of(in e);
        }, iter: 500, threads: 1);
    }
}
