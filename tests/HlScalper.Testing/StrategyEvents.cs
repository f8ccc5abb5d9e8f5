using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;

namespace HlScalper.Testing;

/// <summary>Builds the ring events scenario tests feed the engine: books, timers, order updates, fills and control signals.</summary>
public static class StrategyEvents
{
    /// <summary>A five-level book from the best bid and ask (whole-number prices, tick 1 as for BTC), bid and ask size per level.</summary>
    public static MarketEvent Book(long timeMs, decimal bid, decimal ask, decimal bidSz = 1m, decimal askSz = 1m, ushort coin = 0)
    {
        var e = new MarketEvent();
        e.Reset(EventKind.Book, coin, timeMs);
        e.BidCount = 5;
        e.AskCount = 5;
        for (var i = 0; i < 5; i++)
        {
            e.Bids[i] = new BookLevel(Px.FromDecimal(bid - i), Sz.FromDecimal(bidSz), 1);
            e.Asks[i] = new BookLevel(Px.FromDecimal(ask + i), Sz.FromDecimal(askSz), 1);
        }
        return e;
    }

    public static MarketEvent Timer(long timeMs)
    {
        var e = new MarketEvent();
        e.Reset(EventKind.Timer, 0, timeMs);
        return e;
    }

    public static MarketEvent Update(long timeMs, in OrderIntent order, OrderStatus status, long oid = 0)
    {
        var e = new MarketEvent();
        e.Reset(EventKind.OrderUpdate, order.Coin, timeMs);
        e.Cloid = order.Cloid;
        e.Flags = EventFlags.HasCloid;
        e.Oid = oid;
        e.Side = order.Side;
        e.Px = order.Px;
        e.Sz = order.Sz;
        e.OrigSz = order.Sz;
        e.Status = status;
        return e;
    }

    /// <summary>A fill of <paramref name="order"/> for <paramref name="size"/> (all of it by default) at its limit price unless given.</summary>
    public static MarketEvent Fill(long timeMs, in OrderIntent order, decimal? size = null, decimal? px = null, decimal fee = 0m)
    {
        var e = new MarketEvent();
        e.Reset(EventKind.Fill, order.Coin, timeMs);
        e.Cloid = order.Cloid;
        e.Flags = EventFlags.HasCloid;
        e.Side = order.Side;
        e.Px = px is { } p ? Px.FromDecimal(p) : order.Px;
        e.Sz = size is { } s ? Sz.FromDecimal(s) : order.Sz;
        e.Fee = Fixed8.FromDecimal(fee);
        return e;
    }

    public static MarketEvent Control(long timeMs, ControlCode code, long value = 0)
    {
        var e = new MarketEvent();
        e.Reset(EventKind.Control, 0, timeMs);
        e.Control = code;
        e.Value = value;
        return e;
    }
}
