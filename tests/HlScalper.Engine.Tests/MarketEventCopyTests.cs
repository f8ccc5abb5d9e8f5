using CsCheck;
using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;

namespace HlScalper.Engine.Tests;

/// <summary><see cref="MarketEvent.CopyFrom"/>: the copy the replay makes into each ring slot instead of a whole-struct copy.</summary>
public class MarketEventCopyTests
{
    private static readonly Gen<BookLevel> AnyLevel = Gen.Select(Gen.Long, Gen.Long, Gen.Int).Select((px, sz, n) => new BookLevel(new(px), new(sz), n));

    [Test]
    public void The_copy_has_every_field_and_the_counted_levels_and_leaves_the_rest_of_the_slot()
    {
        Gen.Select(Gen.Select(Gen.Long.Array[11], Gen.ULong, Gen.ULong, Gen.Byte.Array[5], Gen.UShort),
                Gen.Select(AnyLevel.Array[BookLevels.Capacity], AnyLevel.Array[BookLevels.Capacity], Gen.Byte[0, 25], Gen.Byte[0, 25]),
                AnyLevel)
            .Sample((fields, levels, stale) =>
            {
                var e = new MarketEvent();
                var f = fields.Item1;
                (e.ExchangeTimeMs, e.ReceiveTimestamp, e.Px, e.Sz, e.OrigSz, e.StartPosition) = (f[0], f[1], new(f[2]), new(f[3]), new(f[4]), new(f[5]));
                (e.Oid, e.Tid, e.Fee, e.ClosedPnl, e.Value, e.Cloid) = (f[6], f[7], f[8], f[9], f[10], new Cloid(fields.Item2, fields.Item3));
                var b = fields.Item4;
                (e.Kind, e.Side, e.Status, e.Control, e.Flags, e.Coin) = ((EventKind)b[0], (Side)b[1], (OrderStatus)b[2], (ControlCode)b[3], (EventFlags)b[4], fields.Item5);
                (e.BidCount, e.AskCount) = (levels.Item3, levels.Item4);
                for (var l = 0; l < BookLevels.Capacity; l++) (e.Bids[l], e.Asks[l]) = (levels.Item1[l], levels.Item2[l]);

                var slot = new MarketEvent();
                for (var l = 0; l < BookLevels.Capacity; l++) (slot.Bids[l], slot.Asks[l]) = (stale, stale);
                slot.CopyFrom(in e);

                int bids = Math.Min((int)e.BidCount, BookLevels.Capacity), asks = Math.Min((int)e.AskCount, BookLevels.Capacity);
                var expected = e;
                for (var l = bids; l < BookLevels.Capacity; l++) expected.Bids[l] = stale;
                for (var l = asks; l < BookLevels.Capacity; l++) expected.Asks[l] = stale;
                return SameFields(in slot, in expected);
            }, iter: 5_000);
    }

    private static bool SameFields(in MarketEvent a, in MarketEvent b)
    {
        if ((a.ExchangeTimeMs, a.ReceiveTimestamp, a.Px, a.Sz, a.OrigSz, a.StartPosition, a.Oid, a.Tid, a.Fee, a.ClosedPnl, a.Value, a.Cloid)
            != (b.ExchangeTimeMs, b.ReceiveTimestamp, b.Px, b.Sz, b.OrigSz, b.StartPosition, b.Oid, b.Tid, b.Fee, b.ClosedPnl, b.Value, b.Cloid)) return false;
        if ((a.Kind, a.Side, a.Status, a.Control, a.Flags, a.BidCount, a.AskCount, a.Coin) != (b.Kind, b.Side, b.Status, b.Control, b.Flags, b.BidCount, b.AskCount, b.Coin)) return false;
        for (var l = 0; l < BookLevels.Capacity; l++)
            if (!Same(a.Bids[l], b.Bids[l]) || !Same(a.Asks[l], b.Asks[l])) return false;
        return true;
    }

    private static bool Same(BookLevel x, BookLevel y) => x.Px == y.Px && x.Sz == y.Sz && x.Count == y.Count;
}
