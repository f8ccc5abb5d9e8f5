using System.Runtime.CompilerServices;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;

namespace HlScalper.Protocol.Codec;

/// <summary>The schema-specialised scanner for Hyperliquid messages: bytes straight into staged events, no strings, no allocation.</summary>
/// <remarks>
/// Keys may come in any order and unknown keys are skipped, as the reference parser does. Returns false
/// for anything it does not recognise (see <see cref="JsonCursor"/>); the codec then asks
/// <see cref="HlReferenceParser"/>. Required fields: l2Book coin/time/levels; bbo coin/time/bbo; trade
/// coin/side/px/sz/time/tid; order update order.{coin,side,limitPx,sz,oid}/status/statusTimestamp;
/// fill coin/px/sz/side/time/oid/tid. Levels beyond <see cref="BookLevels.Capacity"/> are read and dropped.
/// </remarks>
internal static class HlFastParser
{
    public static bool TryParse(ReadOnlySpan<byte> json, CoinTable coins, EventBatch batch, ref ParseOutcome outcome)
    {
        var c = new JsonCursor(json);
        if (!c.TryConsume((byte)'{')) return false;
        var kind = HlMessageKind.Malformed;
        var channelSeen = false;
        var dataAt = -1;
        var dataDeferred = false;
        var first = true;
        int step;
        while ((step = c.NextKey(ref first, out var key)) == 1)
        {
            if (key.SequenceEqual("channel"u8))
            {
                if (channelSeen || !c.TryReadString(out var name)) return false;
                channelSeen = true;
                kind = HlChannel.Classify(name);
            }
            else if (key.SequenceEqual("data"u8) && dataAt < 0)
            {
                if (channelSeen)
                {
                    dataAt = c.Position;
                    if (!TryParseData(ref c, kind, coins, batch, ref outcome)) return false;
                }
                else
                {
                    // The channel comes later: remember where data starts and come back to it.
                    if (!c.TrySkipValue(out dataAt)) return false;
                    dataDeferred = true;
                }
            }
            else if (!c.TrySkipValue()) return false;
        }
        if (step < 0 || !channelSeen || !c.AtEnd()) return false;

        if (dataAt < 0)
            return kind is HlMessageKind.Pong or HlMessageKind.Ignored && Finish(kind, ref outcome);
        if (!dataDeferred) return true;
        var late = new JsonCursor(json, dataAt);
        return TryParseData(ref late, kind, coins, batch, ref outcome);
    }

    private static bool Finish(HlMessageKind kind, ref ParseOutcome outcome)
    {
        outcome.Kind = kind;
        return true;
    }

    private static bool TryParseData(ref JsonCursor c, HlMessageKind kind, CoinTable coins, EventBatch batch, ref ParseOutcome outcome)
    {
        var ok = kind switch
        {
            HlMessageKind.L2Book => TryParseBook(ref c, coins, batch, ref outcome),
            HlMessageKind.Bbo => TryParseBbo(ref c, coins, batch, ref outcome),
            HlMessageKind.Trades => TryParseTrades(ref c, coins, batch, ref outcome),
            HlMessageKind.OrderUpdates => TryParseOrderUpdates(ref c, coins, batch, ref outcome),
            HlMessageKind.UserFills => TryParseUserFills(ref c, coins, batch, ref outcome),
            HlMessageKind.Post => TryParsePost(ref c, batch.Statuses, ref outcome),
            HlMessageKind.Error => TryParseErrorText(ref c, ref outcome),
            _ => TryPayload(ref c, ref outcome),
        };
        if (ok) outcome.Kind = kind;
        return ok;
    }

    private static bool TryPayload(ref JsonCursor c, ref ParseOutcome outcome)
    {
        if (!c.TrySkipValue(out var start)) return false;
        outcome.Payload = start..c.Position;
        return true;
    }

    private static bool TryParseErrorText(ref JsonCursor c, ref ParseOutcome outcome)
    {
        // The text is handed on still escaped; only its extent matters here.
        if (c.Peek() != (byte)'"' || !c.TrySkipValue(out var start)) return false;
        outcome.Payload = (start + 1)..(c.Position - 1);
        return true;
    }

    private static bool TryParsePost(ref JsonCursor c, StatusBatch statuses, ref ParseOutcome outcome)
    {
        if (!c.TryConsume((byte)'{')) return false;
        bool hasId = false, hasResponse = false;
        var first = true;
        int step;
        while ((step = c.NextKey(ref first, out var key)) == 1)
        {
            if (key.SequenceEqual("id"u8))
            {
                if (!c.TryReadInt64(out outcome.PostId)) return false;
                hasId = true;
            }
            else if (key.SequenceEqual("response"u8))
            {
                if (!c.TrySkipValue(out var start)) return false;
                outcome.Payload = start..c.Position;
                hasResponse = true;
            }
            else if (!c.TrySkipValue()) return false;
        }
        return step == 0 && hasId && hasResponse && HlFastPostReply.TryRead(c.At(outcome.Payload.Start.Value), statuses, ref outcome);
    }

    private static bool TryParseBook(ref JsonCursor c, CoinTable coins, EventBatch batch, ref ParseOutcome outcome)
    {
        if (!c.TryConsume((byte)'{')) return false;
        ref var e = ref batch.Add(EventKind.Book);
        var coin = CoinTable.NotFound;
        bool hasCoin = false, hasTime = false, hasLevels = false;
        var first = true;
        int step;
        while ((step = c.NextKey(ref first, out var key)) == 1)
        {
            if (key.SequenceEqual("coin"u8))
            {
                if (!c.TryReadString(out var name)) return false;
                coin = coins.Find(name);
                hasCoin = true;
            }
            else if (key.SequenceEqual("time"u8))
            {
                if (!c.TryReadInt64(out e.ExchangeTimeMs)) return false;
                hasTime = true;
            }
            else if (key.SequenceEqual("levels"u8))
            {
                if (!c.TryConsume((byte)'[')) return false;
                var firstSide = true;
                if (c.NextElement(ref firstSide) != 1 || !TryReadSide(ref c, ref e.Bids, out e.BidCount)) return false;
                if (c.NextElement(ref firstSide) != 1 || !TryReadSide(ref c, ref e.Asks, out e.AskCount)) return false;
                if (c.NextElement(ref firstSide) != 0) return false;
                hasLevels = true;
            }
            else if (!c.TrySkipValue()) return false;
        }
        if (step != 0 || !hasCoin || !hasTime || !hasLevels) return false;
        return KeepIfKnown(batch, ref e, coin, ref outcome);
    }

    private static bool TryParseBbo(ref JsonCursor c, CoinTable coins, EventBatch batch, ref ParseOutcome outcome)
    {
        if (!c.TryConsume((byte)'{')) return false;
        ref var e = ref batch.Add(EventKind.Bbo);
        var coin = CoinTable.NotFound;
        bool hasCoin = false, hasTime = false, hasBbo = false;
        var first = true;
        int step;
        while ((step = c.NextKey(ref first, out var key)) == 1)
        {
            if (key.SequenceEqual("coin"u8))
            {
                if (!c.TryReadString(out var name)) return false;
                coin = coins.Find(name);
                hasCoin = true;
            }
            else if (key.SequenceEqual("time"u8))
            {
                if (!c.TryReadInt64(out e.ExchangeTimeMs)) return false;
                hasTime = true;
            }
            else if (key.SequenceEqual("bbo"u8))
            {
                if (!c.TryConsume((byte)'[')) return false;
                var firstSide = true;
                if (c.NextElement(ref firstSide) != 1 || !TryReadOptionalLevel(ref c, ref e.Bids[0], out e.BidCount)) return false;
                if (c.NextElement(ref firstSide) != 1 || !TryReadOptionalLevel(ref c, ref e.Asks[0], out e.AskCount)) return false;
                if (c.NextElement(ref firstSide) != 0) return false;
                hasBbo = true;
            }
            else if (!c.TrySkipValue()) return false;
        }
        if (step != 0 || !hasCoin || !hasTime || !hasBbo) return false;
        return KeepIfKnown(batch, ref e, coin, ref outcome);
    }

    private static bool TryReadOptionalLevel(ref JsonCursor c, ref BookLevel level, out byte count)
    {
        count = 0;
        if (c.TryReadNull()) return true;
        if (!TryReadLevel(ref c, ref level)) return false;
        count = 1;
        return true;
    }

    private static bool TryReadSide(ref JsonCursor c, ref BookLevels levels, out byte count)
    {
        count = 0;
        if (!c.TryConsume((byte)'[')) return false;
        var first = true;
        int step;
        BookLevel dropped = default;
        while ((step = c.NextElement(ref first)) == 1)
        {
            if (count < BookLevels.Capacity)
            {
                if (!TryReadLevel(ref c, ref levels[count])) return false;
                count++;
            }
            else if (!TryReadLevel(ref c, ref dropped)) return false;
        }
        return step == 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadLevel(ref JsonCursor c, ref BookLevel level)
    {
        // The two layouts servers really send (px,sz,n now; n,px,sz in 2023 and in re-serialised captures),
        // matched byte for byte; anything else (whitespace, other order, extra keys) takes the key loop.
        if (c.Peek() == (byte)'{')
        {
            var start = c.Position;
            long px, sz, n;
            if ((c.TryMatch("{\"px\":\""u8) && c.TryReadDecimalBody(out px) && c.TryMatch(",\"sz\":\""u8) && c.TryReadDecimalBody(out sz)
                 && c.TryMatch(",\"n\":"u8) && c.TryReadUnsignedBody(out n) && c.TryMatch("}"u8))
                || (Rewind(ref c, start) && c.TryMatch("{\"n\":"u8) && c.TryReadUnsignedBody(out n) && c.TryMatch(",\"px\":\""u8) && c.TryReadDecimalBody(out px)
                    && c.TryMatch(",\"sz\":\""u8) && c.TryReadDecimalBody(out sz) && c.TryMatch("}"u8)))
            {
                if (n > int.MaxValue) return false;
                level.Px = new Px(px);
                level.Sz = new Sz(sz);
                level.Count = (int)n;
                return true;
            }
            c.Position = start;
        }
        return TryReadLevelAnyLayout(ref c, ref level);
    }

    private static bool Rewind(ref JsonCursor c, int position)
    {
        c.Position = position;
        return true;
    }

    private static bool TryReadLevelAnyLayout(ref JsonCursor c, ref BookLevel level)
    {
        if (!c.TryConsume((byte)'{')) return false;
        long px = 0, sz = 0, n = 0;
        bool hasPx = false, hasSz = false;
        var first = true;
        int step;
        while ((step = c.NextKey(ref first, out var key)) == 1)
        {
            if (key.Length == 2 && key[0] == (byte)'p' && key[1] == (byte)'x')
            {
                if (!c.TryReadFixed8(out px)) return false;
                hasPx = true;
            }
            else if (key.Length == 2 && key[0] == (byte)'s' && key[1] == (byte)'z')
            {
                if (!c.TryReadFixed8(out sz)) return false;
                hasSz = true;
            }
            else if (key.Length == 1 && key[0] == (byte)'n')
            {
                if (!c.TryReadInt64(out n) || n is < 0 or > int.MaxValue) return false;
            }
            else if (!c.TrySkipValue()) return false;
        }
        if (step != 0 || !hasPx || !hasSz) return false;
        level.Px = new Px(px);
        level.Sz = new Sz(sz);
        level.Count = (int)n;
        return true;
    }

    private static bool TryParseTrades(ref JsonCursor c, CoinTable coins, EventBatch batch, ref ParseOutcome outcome)
    {
        if (!c.TryConsume((byte)'[')) return false;
        var first = true;
        int step;
        while ((step = c.NextElement(ref first)) == 1)
            if (!TryParseTrade(ref c, coins, batch, ref outcome)) return false;
        return step == 0;
    }

    private static bool TryParseTrade(ref JsonCursor c, CoinTable coins, EventBatch batch, ref ParseOutcome outcome)
    {
        // The layouts real captures have (the server's order, and the alphabetical order of re-serialised
        // captures), byte for byte; anything else takes the key loop below.
        if (c.Peek() == (byte)'{')
        {
            var start = c.Position;
            Side side;
            long px, sz, time, tid;
            if (c.TryMatch("{\"coin\":\""u8) && c.TryReadStringBody(out var name)
                && ((c.TryMatch(",\"side\":\""u8) && TryReadSideBody(ref c, out side)
                     && c.TryMatch(",\"px\":\""u8) && c.TryReadDecimalBody(out px) && c.TryMatch(",\"sz\":\""u8) && c.TryReadDecimalBody(out sz)
                     && c.TryMatch(",\"time\":"u8) && c.TryReadUnsignedBody(out time) && c.TryMatch(",\"hash\":\""u8) && c.TryReadStringBody(out _)
                     && c.TryMatch(",\"tid\":"u8) && c.TryReadUnsignedBody(out tid) && c.TryMatch(",\"users\":"u8) && TrySkipUsers(ref c))
                    || (c.TryMatch(",\"hash\":\""u8) && c.TryReadStringBody(out _)
                        && c.TryMatch(",\"px\":\""u8) && c.TryReadDecimalBody(out px) && c.TryMatch(",\"side\":\""u8) && TryReadSideBody(ref c, out side)
                        && c.TryMatch(",\"sz\":\""u8) && c.TryReadDecimalBody(out sz) && c.TryMatch(",\"tid\":"u8) && c.TryReadUnsignedBody(out tid)
                        && c.TryMatch(",\"time\":"u8) && c.TryReadUnsignedBody(out time) && c.TryMatch(",\"users\":"u8) && TrySkipUsers(ref c))))
            {
                ref var t = ref batch.Add(EventKind.Trade);
                t.Side = side;
                t.Px = new Px(px);
                t.Sz = new Sz(sz);
                t.ExchangeTimeMs = time;
                t.Tid = tid;
                return KeepIfKnown(batch, ref t, coins.Find(name), ref outcome);
            }
            c.Position = start;
        }
        return TryParseTradeAnyLayout(ref c, coins, batch, ref outcome);
    }

    /// <summary>Skips <c>["buyer","seller"]}</c>: two plain strings, cheaper than the general skipper's bracket walk.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TrySkipUsers(ref JsonCursor c) =>
        c.TryMatch("[\""u8) && c.TryReadStringBody(out _) && c.TryMatch(",\""u8) && c.TryReadStringBody(out _) && c.TryMatch("]}"u8);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadSideBody(ref JsonCursor c, out Side side)
    {
        side = Side.Buy;
        if (c.TryMatch("B\""u8)) return true;
        side = Side.Sell;
        return c.TryMatch("A\""u8);
    }

    private static bool TryParseTradeAnyLayout(ref JsonCursor c, CoinTable coins, EventBatch batch, ref ParseOutcome outcome)
    {
        if (!c.TryConsume((byte)'{')) return false;
        ref var e = ref batch.Add(EventKind.Trade);
        var coin = CoinTable.NotFound;
        const int Coin = 1, SideBit = 2, PxBit = 4, SzBit = 8, Time = 16, Tid = 32, All = 63;
        var seen = 0;
        var first = true;
        int step;
        while ((step = c.NextKey(ref first, out var key)) == 1)
        {
            switch (key.Length)
            {
                case 4 when key.SequenceEqual("coin"u8):
                    if (!c.TryReadString(out var name)) return false;
                    coin = coins.Find(name);
                    seen |= Coin;
                    break;
                case 4 when key.SequenceEqual("side"u8):
                    if (!TryReadSide(ref c, out e.Side)) return false;
                    seen |= SideBit;
                    break;
                case 2 when key.SequenceEqual("px"u8):
                    if (!c.TryReadFixed8(out var px)) return false;
                    e.Px = new Px(px);
                    seen |= PxBit;
                    break;
                case 2 when key.SequenceEqual("sz"u8):
                    if (!c.TryReadFixed8(out var sz)) return false;
                    e.Sz = new Sz(sz);
                    seen |= SzBit;
                    break;
                case 4 when key.SequenceEqual("time"u8):
                    if (!c.TryReadInt64(out e.ExchangeTimeMs)) return false;
                    seen |= Time;
                    break;
                case 3 when key.SequenceEqual("tid"u8):
                    if (!c.TryReadInt64(out e.Tid)) return false;
                    seen |= Tid;
                    break;
                default:
                    if (!c.TrySkipValue()) return false;
                    break;
            }
        }
        if (step != 0 || seen != All) return false;
        return KeepIfKnown(batch, ref e, coin, ref outcome);
    }

    private static bool TryParseOrderUpdates(ref JsonCursor c, CoinTable coins, EventBatch batch, ref ParseOutcome outcome)
    {
        if (!c.TryConsume((byte)'[')) return false;
        var first = true;
        int step;
        while ((step = c.NextElement(ref first)) == 1)
            if (!TryParseOrderUpdate(ref c, coins, batch, ref outcome)) return false;
        return step == 0;
    }

    private static bool TryParseOrderUpdate(ref JsonCursor c, CoinTable coins, EventBatch batch, ref ParseOutcome outcome)
    {
        if (!c.TryConsume((byte)'{')) return false;
        ref var e = ref batch.Add(EventKind.OrderUpdate);
        var coin = CoinTable.NotFound;
        bool hasOrder = false, hasStatus = false, hasTime = false;
        var first = true;
        int step;
        while ((step = c.NextKey(ref first, out var key)) == 1)
        {
            if (key.SequenceEqual("order"u8))
            {
                if (!TryParseOrder(ref c, coins, ref e, out coin)) return false;
                hasOrder = true;
            }
            else if (key.SequenceEqual("status"u8))
            {
                if (!c.TryReadString(out var status)) return false;
                e.Status = HlOrderStatusNames.Parse(status);
                hasStatus = true;
            }
            else if (key.SequenceEqual("statusTimestamp"u8))
            {
                if (!c.TryReadInt64(out e.ExchangeTimeMs)) return false;
                hasTime = true;
            }
            else if (!c.TrySkipValue()) return false;
        }
        if (step != 0 || !hasOrder || !hasStatus || !hasTime) return false;
        return KeepIfKnown(batch, ref e, coin, ref outcome);
    }

    private static bool TryParseOrder(ref JsonCursor c, CoinTable coins, ref MarketEvent e, out int coin)
    {
        coin = CoinTable.NotFound;
        if (!c.TryConsume((byte)'{')) return false;
        const int Coin = 1, SideBit = 2, LimitPx = 4, SzBit = 8, Oid = 16, All = 31;
        var seen = 0;
        var first = true;
        int step;
        while ((step = c.NextKey(ref first, out var key)) == 1)
        {
            switch (key.Length)
            {
                case 4 when key.SequenceEqual("coin"u8):
                    if (!c.TryReadString(out var name)) return false;
                    coin = coins.Find(name);
                    seen |= Coin;
                    break;
                case 4 when key.SequenceEqual("side"u8):
                    if (!TryReadSide(ref c, out e.Side)) return false;
                    seen |= SideBit;
                    break;
                case 7 when key.SequenceEqual("limitPx"u8):
                    if (!c.TryReadFixed8(out var px)) return false;
                    e.Px = new Px(px);
                    seen |= LimitPx;
                    break;
                case 2 when key.SequenceEqual("sz"u8):
                    if (!c.TryReadFixed8(out var sz)) return false;
                    e.Sz = new Sz(sz);
                    seen |= SzBit;
                    break;
                case 6 when key.SequenceEqual("origSz"u8):
                    if (!c.TryReadFixed8(out var origSz)) return false;
                    e.OrigSz = new Sz(origSz);
                    break;
                case 3 when key.SequenceEqual("oid"u8):
                    if (!c.TryReadInt64(out e.Oid)) return false;
                    seen |= Oid;
                    break;
                case 9 when key.SequenceEqual("timestamp"u8):
                    if (!c.TryReadInt64(out e.Value)) return false;
                    break;
                case 5 when key.SequenceEqual("cloid"u8):
                    if (!TryReadCloid(ref c, ref e)) return false;
                    break;
                case 10 when key.SequenceEqual("reduceOnly"u8):
                    if (!c.TryReadBool(out var reduceOnly)) return false;
                    if (reduceOnly) e.Flags |= EventFlags.ReduceOnly;
                    break;
                default:
                    if (!c.TrySkipValue()) return false;
                    break;
            }
        }
        return step == 0 && seen == All;
    }

    private static bool TryParseUserFills(ref JsonCursor c, CoinTable coins, EventBatch batch, ref ParseOutcome outcome)
    {
        if (!c.TryConsume((byte)'{')) return false;
        var firstFill = batch.Count;
        var snapshot = false;
        var hasFills = false;
        var first = true;
        int step;
        while ((step = c.NextKey(ref first, out var key)) == 1)
        {
            if (key.SequenceEqual("isSnapshot"u8))
            {
                if (!c.TryReadBool(out snapshot)) return false;
            }
            else if (key.SequenceEqual("fills"u8))
            {
                if (!c.TryConsume((byte)'[')) return false;
                var firstElement = true;
                int element;
                while ((element = c.NextElement(ref firstElement)) == 1)
                    if (!TryParseFill(ref c, coins, batch, ref outcome)) return false;
                if (element != 0) return false;
                hasFills = true;
            }
            else if (!c.TrySkipValue()) return false;
        }
        if (step != 0 || !hasFills) return false;
        // isSnapshot may follow the fills, so the flag is applied once the object is read.
        if (snapshot)
            for (var i = firstFill; i < batch.Count; i++) batch[i].Flags |= EventFlags.Snapshot;
        return true;
    }

    private static bool TryParseFill(ref JsonCursor c, CoinTable coins, EventBatch batch, ref ParseOutcome outcome)
    {
        if (!c.TryConsume((byte)'{')) return false;
        ref var e = ref batch.Add(EventKind.Fill);
        var coin = CoinTable.NotFound;
        const int Coin = 1, PxBit = 2, SzBit = 4, SideBit = 8, Time = 16, Oid = 32, Tid = 64, All = 127;
        var seen = 0;
        var first = true;
        int step;
        while ((step = c.NextKey(ref first, out var key)) == 1)
        {
            switch (key.Length)
            {
                case 4 when key.SequenceEqual("coin"u8):
                    if (!c.TryReadString(out var name)) return false;
                    coin = coins.Find(name);
                    seen |= Coin;
                    break;
                case 2 when key.SequenceEqual("px"u8):
                    if (!c.TryReadFixed8(out var px)) return false;
                    e.Px = new Px(px);
                    seen |= PxBit;
                    break;
                case 2 when key.SequenceEqual("sz"u8):
                    if (!c.TryReadFixed8(out var sz)) return false;
                    e.Sz = new Sz(sz);
                    seen |= SzBit;
                    break;
                case 4 when key.SequenceEqual("side"u8):
                    if (!TryReadSide(ref c, out e.Side)) return false;
                    seen |= SideBit;
                    break;
                case 4 when key.SequenceEqual("time"u8):
                    if (!c.TryReadInt64(out e.ExchangeTimeMs)) return false;
                    seen |= Time;
                    break;
                case 13 when key.SequenceEqual("startPosition"u8):
                    if (!c.TryReadFixed8(out var start)) return false;
                    e.StartPosition = new Sz(start);
                    break;
                case 9 when key.SequenceEqual("closedPnl"u8):
                    if (!c.TryReadFixed8(out e.ClosedPnl)) return false;
                    break;
                case 3 when key.SequenceEqual("oid"u8):
                    if (!c.TryReadInt64(out e.Oid)) return false;
                    seen |= Oid;
                    break;
                case 7 when key.SequenceEqual("crossed"u8):
                    if (!c.TryReadBool(out var crossed)) return false;
                    if (crossed) e.Flags |= EventFlags.Crossed;
                    break;
                case 3 when key.SequenceEqual("fee"u8):
                    if (!c.TryReadFixed8(out e.Fee)) return false;
                    break;
                case 3 when key.SequenceEqual("tid"u8):
                    if (!c.TryReadInt64(out e.Tid)) return false;
                    seen |= Tid;
                    break;
                case 5 when key.SequenceEqual("cloid"u8):
                    if (!TryReadCloid(ref c, ref e)) return false;
                    break;
                default:
                    if (!c.TrySkipValue()) return false;
                    break;
            }
        }
        if (step != 0 || seen != All) return false;
        return KeepIfKnown(batch, ref e, coin, ref outcome);
    }

    private static bool TryReadCloid(ref JsonCursor c, ref MarketEvent e)
    {
        if (c.TryReadNull()) return true;
        if (!c.TryReadString(out var text) || !Cloid.TryParse(text, out e.Cloid)) return false;
        e.Flags |= EventFlags.HasCloid;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadSide(ref JsonCursor c, out Side side)
    {
        side = Side.Buy;
        if (!c.TryReadString(out var text) || text.Length != 1) return false;
        switch (text[0])
        {
            case (byte)'B':
                return true;
            case (byte)'A':
                side = Side.Sell;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Keeps the event when its coin is in the table; otherwise drops it and counts it. The item itself was valid either way.</summary>
    private static bool KeepIfKnown(EventBatch batch, ref MarketEvent e, int coin, ref ParseOutcome outcome)
    {
        if (coin == CoinTable.NotFound)
        {
            batch.RemoveLast();
            outcome.UnknownCoins++;
        }
        else e.Coin = (ushort)coin;
        return true;
    }
}
