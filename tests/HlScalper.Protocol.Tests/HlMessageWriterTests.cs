using CsCheck;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Protocol.Codec;

namespace HlScalper.Protocol.Tests;

/// <summary>Messages written from events parse back, through the production codec, to the same events.</summary>
public class HlMessageWriterTests
{
    private static readonly CoinTable Coins = new("BTC", "ETH");

    private readonly HlMessageWriter _writer = new(Coins);
    private readonly HlCodec _codec = new(Coins);
    private readonly EventLog _log = new();

    /// <summary>Books of up to 20 levels a side around a mid of at least 21 ticks, so every bid price stays positive (the codec refuses a price of zero or below).</summary>
    private static readonly Gen<MarketEvent> Books =
        Gen.Select(Gen.Int[0, 20], Gen.Int[0, 20], Gen.Long[21, 1_000_000], Gen.Long[1_700_000_000_000, 1_800_000_000_000], Gen.UShort[0, 1])
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
        Books.Sample(e => ParsesBackTo(_writer.L2Book(ref e), HlMessageKind.L2Book, in e), iter: 500, threads: 1);
        Assert.That(_codec.Counters.Malformed + _codec.Counters.Fallbacks, Is.Zero, "the fast scanner understood every message");
    }

    [Test]
    public void Trade_messages_parse_back_to_the_same_trade()
    {
        Gen.Select(Gen.Long[1, 10_000_000_000_000], Gen.Long[1, 100_000_000_000], Gen.Bool, Gen.Long[0, 1L << 50]).Sample((px, sz, buy, tid) =>
        {
            var e = new MarketEvent();
            e.Reset(EventKind.Trade, 1, 1_750_000_000_000);
            e.Px = new Px(px);
            e.Sz = new Sz(sz);
            e.Side = buy ? Side.Buy : Side.Sell;
            e.Tid = tid;
            return ParsesBackTo(_writer.Trade(ref e), HlMessageKind.Trades, in e);
        }, iter: 500, threads: 1);
    }

    [Test]
    public void Bbo_messages_parse_back_to_the_best_levels_of_the_book()
    {
        Books.Sample(e =>
        {
            var expected = new MarketEvent();
            expected.Reset(EventKind.Bbo, e.Coin, e.ExchangeTimeMs);
            expected.BidCount = (byte)Math.Min(1, (int)e.BidCount);
            expected.AskCount = (byte)Math.Min(1, (int)e.AskCount);
            expected.Bids[0] = e.BidCount > 0 ? e.Bids[0] : default;
            expected.Asks[0] = e.AskCount > 0 ? e.Asks[0] : default;
            return ParsesBackTo(_writer.Bbo(ref e), HlMessageKind.Bbo, in expected);
        }, iter: 500, threads: 1);
    }

    [Test]
    public void OrderUpdates_messages_parse_back_to_the_same_updates()
    {
        var statuses = Enum.GetValues<OrderStatus>().Where(s => s != OrderStatus.Unknown).ToArray();
        Gen.Select(Gen.Long[1, 10_000_000_000_000], Gen.Long[0, 100_000_000_000], Gen.Long[1, 1L << 52], Gen.Int[0, statuses.Length - 1], Gen.Bool, Gen.Bool, Gen.ULong, Gen.UShort[0, 1]).Sample((px, sz, oid, status, buy, reduceOnly, cloid, coin) =>
        {
            var e = new MarketEvent();
            e.Reset(EventKind.OrderUpdate, coin, 1_750_000_000_123);
            e.Px = new Px(px);
            e.Sz = new Sz(sz);
            e.OrigSz = new Sz(sz + 1_000);
            e.Oid = oid;
            e.Value = 1_750_000_000_000;
            e.Side = buy ? Side.Buy : Side.Sell;
            e.Status = statuses[status];
            if (cloid % 2 == 1)
            {
                e.Cloid = new Cloid(cloid, ~cloid);
                e.Flags |= EventFlags.HasCloid;
            }
            if (reduceOnly) e.Flags |= EventFlags.ReduceOnly;
            return ParsesBackTo(_writer.OrderUpdates([e]), HlMessageKind.OrderUpdates, in e);
        }, iter: 500, threads: 1);
    }

    [Test]
    public void UserFills_messages_parse_back_to_the_same_fills()
    {
        Gen.Select(Gen.Long[1, 10_000_000_000_000], Gen.Long[1, 100_000_000_000], Gen.Long[-100_000_000_000, 100_000_000_000], Gen.Long[-1_000_000_000, 1_000_000_000], Gen.Bool, Gen.Bool, Gen.ULong, Gen.Long[0, 1L << 50]).Sample((px, sz, start, money, buy, crossed, cloid, tid) =>
        {
            var e = new MarketEvent();
            e.Reset(EventKind.Fill, 0, 1_750_000_000_123);
            e.Px = new Px(px);
            e.Sz = new Sz(sz);
            e.StartPosition = new Sz(start);
            e.ClosedPnl = money;
            e.Fee = money / 7;
            e.Oid = 42;
            e.Tid = tid;
            e.Side = buy ? Side.Buy : Side.Sell;
            if (crossed) e.Flags |= EventFlags.Crossed;
            if (cloid % 2 == 1)
            {
                e.Cloid = new Cloid(cloid, 1);
                e.Flags |= EventFlags.HasCloid;
            }
            return ParsesBackTo(_writer.UserFills("0x00000000000000000000000000000000000000aa", [e], isSnapshot: false), HlMessageKind.UserFills, in e);
        }, iter: 500, threads: 1);
    }

    /// <summary>The message parses, through the production codec, to exactly one event equal to <paramref name="expected"/>.</summary>
    private bool ParsesBackTo(ReadOnlyMemory<byte> message, HlMessageKind kind, in MarketEvent expected)
    {
        _log.Clear();
        var sink = new CollectingSink(_log);
        return _codec.Parse(message.Span, ref sink, 0) == kind && _log.Count == 1 && EventText.Of(in _log[0]) == EventText.Of(in expected);
    }
}
