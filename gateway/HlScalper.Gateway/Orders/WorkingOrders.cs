using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;
using HlScalper.Gateway.Exchange;
using HlScalper.Protocol.Actions;

namespace HlScalper.Gateway.Orders;

/// <summary>The resting orders (not IOC) this process placed and has neither cancelled nor seen end, per coin: what a CancelAll intent has to cancel. Engine thread only; fixed capacity, oldest dropped when full.</summary>
internal sealed class WorkingOrders(int capacity)
{
    private readonly (ushort Coin, Cloid Cloid, Side Side)[] _orders = new (ushort, Cloid, Side)[capacity];
    private int _count;

    public void Add(ushort coin, Cloid cloid, Side side)
    {
        if (cloid.IsEmpty) return;
        if (_count == _orders.Length) Remove(0);
        _orders[_count++] = (coin, cloid, side);
    }

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
