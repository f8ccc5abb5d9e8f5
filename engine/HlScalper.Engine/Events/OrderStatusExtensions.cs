namespace HlScalper.Engine.Events;

/// <summary>Classification of <see cref="OrderStatus"/> values.</summary>
public static class OrderStatusExtensions
{
    /// <summary>True when the order will never trade again (filled, cancelled in any way, rejected, or unknown); a refused cancel says nothing about that.</summary>
    public static bool IsTerminal(this OrderStatus status) => status is not (OrderStatus.Open or OrderStatus.Triggered or OrderStatus.CancelRejected);

    /// <summary>True for statuses that refused the order at placement (a refused cancel is not one).</summary>
    public static bool IsReject(this OrderStatus status) =>
        status == OrderStatus.Rejected || status is >= OrderStatus.TickRejected and < OrderStatus.CancelRejected;

    /// <summary>
    /// True for refusals that resending the same kind of order will not change: below the minimum value, not enough margin, a
    /// reduce-only order with no position to reduce, a price off the tick, a position over its tier's limit, no spot balance.
    /// A post-only order that would cross, an IOC with nothing to take, an open-interest or oracle limit may pass a moment later.
    /// </summary>
    public static bool IsPermanentRefusal(this OrderStatus status) => status is OrderStatus.MinTradeNtlRejected or OrderStatus.PerpMarginRejected
        or OrderStatus.ReduceOnlyRejected or OrderStatus.TickRejected or OrderStatus.PerpMaxPositionRejected or OrderStatus.InsufficientSpotBalanceRejected;

    public static bool IsCancel(this OrderStatus status) =>
        status is >= OrderStatus.Canceled and <= OrderStatus.InternalCancel and not OrderStatus.Triggered and not OrderStatus.Rejected;
}
