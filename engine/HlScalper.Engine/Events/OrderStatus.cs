namespace HlScalper.Engine.Events;

/// <summary>Hyperliquid order statuses (orderUpdates and order-status responses); unknown strings map to <see cref="Unknown"/>.</summary>
public enum OrderStatus : byte
{
    Unknown = 0,
    Open,
    Filled,
    Canceled,
    Triggered,
    Rejected,
    MarginCanceled,
    VaultWithdrawalCanceled,
    OpenInterestCapCanceled,
    SelfTradeCanceled,
    ReduceOnlyCanceled,
    SiblingFilledCanceled,
    DelistedCanceled,
    LiquidatedCanceled,
    ScheduledCancel,
    OutcomeSettledCanceled,
    InternalCancel,
    TickRejected,
    MinTradeNtlRejected,
    PerpMarginRejected,
    ReduceOnlyRejected,
    BadAloPxRejected,
    IocCancelRejected,
    BadTriggerPxRejected,
    MarketOrderNoLiquidityRejected,
    PositionIncreaseAtOpenInterestCapRejected,
    PositionFlipAtOpenInterestCapRejected,
    TooAggressiveAtOpenInterestCapRejected,
    OpenInterestIncreaseRejected,
    InsufficientSpotBalanceRejected,
    OracleRejected,
    PerpMaxPositionRejected,
    TooManyOpenOrdersRejected,
}

/// <summary>Classification of <see cref="OrderStatus"/> values.</summary>
public static class OrderStatusExtensions
{
    /// <summary>True when the order will never trade again (filled, cancelled in any way, rejected, or unknown).</summary>
    public static bool IsTerminal(this OrderStatus status) => status is not (OrderStatus.Open or OrderStatus.Triggered);

    /// <summary>True for statuses that refused the order at placement.</summary>
    public static bool IsReject(this OrderStatus status) =>
        status == OrderStatus.Rejected || status >= OrderStatus.TickRejected;

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
