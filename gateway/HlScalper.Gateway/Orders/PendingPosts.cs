using HlScalper.Gateway.Exchange;
using HlScalper.Protocol.Actions;

namespace HlScalper.Gateway.Orders;

/// <summary>Which orders each in-flight post carried, so its response can become events about them; a fixed table indexed by post id.</summary>
/// <remarks>Written by the engine thread before the frame is sent, read by the socket reader thread when the response arrives.</remarks>
internal sealed class PendingPosts
{
    private readonly Entry[] _entries;
    private readonly int _mask;

    public PendingPosts(int capacity, int maxOrders)
    {
        if (capacity <= 0 || (capacity & (capacity - 1)) != 0) throw new ArgumentException("capacity must be a power of two", nameof(capacity));
        _entries = new Entry[capacity];
        for (var i = 0; i < capacity; i++) _entries[i] = new Entry(maxOrders);
        _mask = capacity - 1;
    }

    /// <param name="cancels">The post cancels these orders (its errors are failed cancels, not refused orders).</param>
    public void Add(long postId, ReadOnlySpan<OrderRef> orders, bool cancels)
    {
        var entry = _entries[postId & _mask];
        orders.CopyTo(entry.Orders);
        entry.Count = orders.Length;
        entry.Cancels = cancels;
        // Release: the orders are visible before the id that says they are there.
        Volatile.Write(ref entry.PostId, postId);
    }

    /// <summary>The orders of <paramref name="postId"/>, removed from the table; empty when unknown (late or overwritten).</summary>
    public ReadOnlySpan<OrderRef> Take(long postId, out bool cancels)
    {
        var entry = _entries[postId & _mask];
        cancels = false;
        if (Volatile.Read(ref entry.PostId) != postId) return default;
        Volatile.Write(ref entry.PostId, 0);
        cancels = entry.Cancels;
        return entry.Orders.AsSpan(0, entry.Count);
    }

    private sealed class Entry(int maxOrders)
    {
        public readonly OrderRef[] Orders = new OrderRef[maxOrders];
        public int Count;
        public bool Cancels;
        public long PostId;
    }
}
