using HlScalper.Engine.Events;

namespace HlScalper.Replay.QueueStudy;

/// <summary>An exact per-order book of one coin: levels in price priority, orders first-in first-out within each level.</summary>
/// <remarks>Each level is a doubly linked list, so joining, resizing and leaving cost O(1) and the size ahead of an order is a walk from the level's head.</remarks>
public sealed class L4Book
{
    private readonly Dictionary<long, Order> _orders = [];
    private readonly SortedDictionary<long, Level> _bids = new(Comparer<long>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<long, Level> _asks = [];

    public int OrderCount => _orders.Count;

    public int LevelCount(Side side) => Levels(side).Count;

    /// <summary>Appends the order at the back of its level; false when the oid is already resting.</summary>
    public bool Add(long oid, Side side, long pxRaw, long sizeRaw)
    {
        if (_orders.ContainsKey(oid)) return false;
        var levels = Levels(side);
        if (!levels.TryGetValue(pxRaw, out var level)) levels[pxRaw] = level = new Level();
        var order = new Order(oid, side, pxRaw, sizeRaw, level) { Prev = level.Tail };
        if (level.Tail is null) level.Head = order;
        else level.Tail.Next = order;
        level.Tail = order;
        level.Total += sizeRaw;
        level.Count++;
        _orders[oid] = order;
        return true;
    }

    /// <summary>Changes a resting order's size in place (it keeps its place in the queue); false when it is not resting.</summary>
    public bool Resize(long oid, long sizeRaw)
    {
        if (!_orders.TryGetValue(oid, out var order)) return false;
        order.Level.Total += sizeRaw - order.SizeRaw;
        order.SizeRaw = sizeRaw;
        return true;
    }

    /// <summary>Takes the order out of the book; false when it is not resting.</summary>
    public bool Remove(long oid)
    {
        if (!_orders.Remove(oid, out var order)) return false;
        var level = order.Level;
        if (order.Prev is null) level.Head = order.Next;
        else order.Prev.Next = order.Next;
        if (order.Next is null) level.Tail = order.Prev;
        else order.Next.Prev = order.Prev;
        level.Total -= order.SizeRaw;
        if (--level.Count == 0) Levels(order.Side).Remove(order.PxRaw);
        return true;
    }

    public bool TryGet(long oid, out Side side, out long pxRaw, out long sizeRaw)
    {
        var found = _orders.TryGetValue(oid, out var order);
        (side, pxRaw, sizeRaw) = found ? (order!.Side, order.PxRaw, order.SizeRaw) : (Side.Buy, 0, 0);
        return found;
    }

    /// <summary>Total size of the orders ahead of <paramref name="oid"/> in its level's queue; -1 when it is not resting.</summary>
    public long SizeAhead(long oid)
    {
        if (!_orders.TryGetValue(oid, out var order)) return -1;
        long ahead = 0;
        for (var o = order.Level.Head; o != order; o = o!.Next) ahead += o!.SizeRaw;
        return ahead;
    }

    /// <summary>The total resting size at a price (0 for an empty level).</summary>
    public long LevelSize(Side side, long pxRaw) => Levels(side).TryGetValue(pxRaw, out var level) ? level.Total : 0;

    /// <summary>Every order of a level in queue order, each with the size ahead of it.</summary>
    public IEnumerable<(long Oid, long AheadRaw)> Queue(Side side, long pxRaw)
    {
        if (!Levels(side).TryGetValue(pxRaw, out var level)) yield break;
        long ahead = 0;
        for (var o = level.Head; o is not null; o = o.Next)
        {
            yield return (o.Oid, ahead);
            ahead += o.SizeRaw;
        }
    }

    /// <summary>Writes the best <see cref="BookLevels.Capacity"/> levels of each side (size and order count), as an <c>l2Book</c> message would show them.</summary>
    public void WriteTop(ref MarketEvent e)
    {
        e.BidCount = (byte)Top(_bids, e.Bids);
        e.AskCount = (byte)Top(_asks, e.Asks);
    }

    /// <summary>The best price of a side; false when the side is empty.</summary>
    public bool TryGetBest(Side side, out long pxRaw)
    {
        foreach (var px in Levels(side).Keys)
        {
            pxRaw = px;
            return true;
        }
        pxRaw = 0;
        return false;
    }

    private static int Top(SortedDictionary<long, Level> levels, Span<BookLevel> into)
    {
        var n = 0;
        foreach (var (px, level) in levels)
        {
            if (n == into.Length) break;
            into[n++] = new BookLevel(new(px), new(level.Total), level.Count);
        }
        return n;
    }

    private SortedDictionary<long, Level> Levels(Side side) => side == Side.Buy ? _bids : _asks;

    private sealed class Level
    {
        public Order? Head;
        public Order? Tail;
        public long Total;
        public int Count;
    }

    private sealed class Order(long oid, Side side, long pxRaw, long sizeRaw, Level level)
    {
        public readonly long Oid = oid;
        public readonly Side Side = side;
        public readonly long PxRaw = pxRaw;
        public readonly Level Level = level;
        public long SizeRaw = sizeRaw;
        public Order? Prev;
        public Order? Next;
    }
}
