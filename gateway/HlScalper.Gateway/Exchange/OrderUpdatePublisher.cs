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
    public static void Publish<TSink>(ref TSink sink, ReadOnlySpan<ActionStatus> statuses, ReadOnlySpan<OrderRef> orders, long timeMs)
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
                    e.Status = RejectStatus(status.Error);
                    break;
            }
            sink.Publish();
        }
    }

    /// <summary>Maps the documented per-order error texts to the specific reject statuses; anything else is <see cref="OrderStatus.Rejected"/>.</summary>
    public static OrderStatus RejectStatus(string? error) => error switch
    {
        null => OrderStatus.Rejected,
        _ when error.StartsWith("Price must be divisible by tick size", StringComparison.Ordinal) => OrderStatus.TickRejected,
        _ when error.StartsWith("Order must have minimum value", StringComparison.Ordinal) => OrderStatus.MinTradeNtlRejected,
        _ when error.StartsWith("Insufficient margin", StringComparison.Ordinal) => OrderStatus.PerpMarginRejected,
        _ when error.StartsWith("Reduce only order would increase position", StringComparison.Ordinal) => OrderStatus.ReduceOnlyRejected,
        _ when error.StartsWith("Post only order would have immediately matched", StringComparison.Ordinal) => OrderStatus.BadAloPxRejected,
        _ when error.StartsWith("Order could not immediately match", StringComparison.Ordinal) => OrderStatus.IocCancelRejected,
        _ when error.StartsWith("Invalid TP/SL price", StringComparison.Ordinal) => OrderStatus.BadTriggerPxRejected,
        _ when error.StartsWith("No liquidity available for market order", StringComparison.Ordinal) => OrderStatus.MarketOrderNoLiquidityRejected,
        _ when error.StartsWith("Order price too far from oracle", StringComparison.Ordinal) => OrderStatus.OracleRejected,
        _ when error.StartsWith("Order would increase open interest too quickly", StringComparison.Ordinal) => OrderStatus.OpenInterestIncreaseRejected,
        _ when error.StartsWith("(Spot-only) Order has insufficient spot balance", StringComparison.Ordinal) => OrderStatus.InsufficientSpotBalanceRejected,
        _ when error.StartsWith("Order would cause position to exceed margin tier", StringComparison.Ordinal) => OrderStatus.PerpMaxPositionRejected,
        _ => OrderStatus.Rejected,
    };
}
