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
    /// <summary>Not an exchange status: our cancel was refused ("never placed, already canceled, or filled", or the whole cancel action).
    /// It says nothing final about the order (a fill or cancel on the order streams does), and it is no refused order.</summary>
    CancelRejected,
}
