using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;
using HlScalper.Gateway.Exchange;
using HlScalper.Protocol.Actions;

namespace HlScalper.Gateway.Orders;

/// <summary>The resting orders (not IOC) this process placed and has neither cancelled nor seen end, per coin: what a CancelAll intent has to cancel. Engine thread only; fixed capacity.</summary>
/// <remarks>When full it refuses the new order rather than forget an old one: an order dropped from here would stay working through
/// every later CancelAll, while a refused one was never sent (the sender answers it with a local reject).</remarks>
internal sealed class WorkingOrders(int capacity)
{
    private readonly (ushort Coin, Cloid Cloid, Side Side)[] _orders = new (ushort, Cloid, Side)[capacity];
    private int _count;

    /// <summary>Adds the order; false (nothing changed) when the table is full. An order without a cloid cannot be cancelled by cloid and is not kept.</summary>
    public bool TryAdd(ushort coin, Cloid cloid, Side side)
    {
        if (cloid.IsEmpty) return true;
        if (_count == _orders.Length) return false;
        _orders[_count++] = (coin, cloid, side);
        return true;
    }

    public int Count => _count;

    public void Remove(Cloid cloid)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_orders[i].Cloid != cloid) continue;
            Remove(i);
            return;
        }
    }

    /// <summary>Moves the coin's orders into the cancel batch; returns how many.</summary>
    public int TakeCancellable(ushort coin, Span<CloidCancelWire> cancels, Span<OrderRef> refs, int assetId)
    {
        var n = 0;
        for (var i = 0; i < _count;)
        {
            var o = _orders[i];
            if (o.Coin != coin)
            {
                i++;
                continue;
            }
            cancels[n] = new CloidCancelWire(assetId, o.Cloid);
            refs[n++] = new OrderRef(coin, o.Cloid, o.Side, default, default);
            Remove(i);
        }
        return n;
    }

    private void Remove(int index)
    {
        _orders.AsSpan(index + 1, _count - index - 1).CopyTo(_orders.AsSpan(index));
        _count--;
    }
}
