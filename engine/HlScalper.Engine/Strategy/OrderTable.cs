using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;

namespace HlScalper.Engine.Strategy;

/// <summary>The slot runner's orders in a small fixed array: found by cloid or oid with a linear scan, never allocating.</summary>
/// <remarks>A slot holds at most an entry, a take-profit and an exit at a time, so a handful of entries is plenty; terminal orders stay for late fills until their entry is reused.</remarks>
public sealed class OrderTable
{
    public const int Capacity = 8;

    private readonly TrackedOrder[] _orders = new TrackedOrder[Capacity];
    private long _sequence;
    private readonly long[] _addedAt = new long[Capacity];

    public int LiveCount
    {
        get
        {
            var n = 0;
            foreach (ref readonly var o in _orders.AsSpan())
                if (o.Live) n++;
            return n;
        }
    }

    /// <summary>True while an exit given up on unanswered may still fill: a reduce-only order left working would close the next entry's position.</summary>
    public bool AnyUnanswered
    {
        get
        {
            foreach (ref readonly var o in _orders.AsSpan())
                if (o.Unanswered) return true;
            return false;
        }
    }

    public Span<TrackedOrder> All => _orders;

    /// <summary>The live order with <paramref name="role"/>, or a null reference.</summary>
    public ref TrackedOrder FindLive(OrderRole role)
    {
        for (var i = 0; i < _orders.Length; i++)
            if (_orders[i].Live && _orders[i].Role == role) return ref _orders[i];
        return ref System.Runtime.CompilerServices.Unsafe.NullRef<TrackedOrder>();
    }

    /// <summary>The order an update or fill refers to: by cloid when it carries one, else by oid; a null reference when it is not ours.</summary>
    public ref TrackedOrder Find(ref readonly MarketEvent e)
    {
        var byCloid = (e.Flags & EventFlags.HasCloid) != 0 && !e.Cloid.IsEmpty;
        for (var i = 0; i < _orders.Length; i++)
        {
            ref var o = ref _orders[i];
            if (!o.InUse) continue;
            if (byCloid ? o.Cloid == e.Cloid : e.Oid != 0 && o.Oid == e.Oid) return ref o;
        }
        return ref System.Runtime.CompilerServices.Unsafe.NullRef<TrackedOrder>();
    }

    /// <summary>The order with <paramref name="cloid"/> (live or recently terminal), or a null reference.</summary>
    public ref TrackedOrder FindCloid(Cloid cloid)
    {
        for (var i = 0; i < _orders.Length; i++)
            if (_orders[i].InUse && _orders[i].Cloid == cloid) return ref _orders[i];
        return ref System.Runtime.CompilerServices.Unsafe.NullRef<TrackedOrder>();
    }

    /// <summary>A fresh entry for a new order: an unused one, else the longest-terminal one; null when all are live.</summary>
    public ref TrackedOrder Add()
    {
        var best = -1;
        for (var i = 0; i < _orders.Length; i++)
        {
            if (_orders[i].Live) continue;
            if (!_orders[i].InUse) { best = i; break; }
            if (best < 0 || _addedAt[i] < _addedAt[best]) best = i;
        }
        if (best < 0) return ref System.Runtime.CompilerServices.Unsafe.NullRef<TrackedOrder>();
        _addedAt[best] = ++_sequence;
        _orders[best] = default;
        _orders[best].InUse = true;
        return ref _orders[best];
    }
}
