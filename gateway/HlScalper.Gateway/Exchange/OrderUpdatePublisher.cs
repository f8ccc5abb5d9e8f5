using System.Diagnostics;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Protocol.Actions;

namespace HlScalper.Gateway.Exchange;

/// <summary>Turns the statuses of an order response into <see cref="EventKind.OrderUpdate"/> events on the ring.</summary>
public static class OrderUpdatePublisher
{
    /// <summary>Publishes one event per order; a single status for an n-order batch (pre-validation refusal) applies to every order.</summary>
    /// <param name="cancels">The post was a cancel: an error then means the cancel did not take (<see cref="OrderStatus.CancelRejected"/>), not that the order was refused.</param>
    public static void Publish<TSink>(ref TSink sink, ReadOnlySpan<ActionStatus> statuses, ReadOnlySpan<OrderRef> orders, long timeMs, bool cancels = false)
        where TSink : struct, IMarketEventSink
    {
        if (statuses.IsEmpty) return;
        for (var i = 0; i < orders.Length; i++)
        {
            ref readonly var status = ref statuses[statuses.Length == 1 ? 0 : Math.Min(i, statuses.Length - 1)];
            ref readonly var order = ref orders[i];
            ref var e = ref sink.Claim();
            e.Reset(EventKind.OrderUpdate, order.Coin, timeMs);
            e.ReceiveTimestamp = Stopwatch.GetTimestamp();
            e.Cloid = order.Cloid;
            e.Side = order.Side;
            e.Px = order.Px;
            e.Sz = order.Sz;
            e.OrigSz = order.Sz;
            e.Flags = order.Cloid.IsEmpty ? EventFlags.None : EventFlags.HasCloid;
            e.Oid = status.Oid;
            switch (status.Kind)
            {
                case ActionStatusKind.Resting:
                case ActionStatusKind.Waiting:
                    e.Status = OrderStatus.Open;
                    break;
                case ActionStatusKind.Filled:
                    e.Status = OrderStatus.Filled;
                    e.Px = status.AvgPx;
                    e.Sz = status.TotalSz;
                    break;
                case ActionStatusKind.Success:
                    e.Status = OrderStatus.Canceled;
                    break;
                default:
                    e.Status = cancels ? OrderStatus.CancelRejected : status.Refusal.IsReject() ? status.Refusal : OrderStatus.Rejected;
                    break;
            }
            sink.Publish();
        }
    }
}
