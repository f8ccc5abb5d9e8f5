using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;

namespace HlScalper.LocalExchange.Venue;

/// <summary>The exchange's error strings (spec §10.3, §4, §5), and the local exchange's own where the spec gives none.</summary>
public static class ErrorTexts
{
    public const string Tick = "Price must be divisible by tick size.";
    public const string MinValue = "Order must have minimum value of $10.";
    public const string Margin = "Insufficient margin to place order.";
    public const string ReduceOnly = "Reduce only order would increase position.";
    public const string IocNoMatch = "Order could not immediately match against any resting orders.";
    public const string CancelMissing = "Order was never placed, already canceled, or filled.";
    public const string ModifyMissing = "Cannot modify canceled or filled order";
    public const string Size = "Order has invalid size.";
    public const string TooManyOpenOrders = "Too many open orders.";
    public const string Unrecoverable = "Unable to recover signer.";
    public const string Injected = "Order rejected by the local exchange (injected: reject share).";
    public const string TriggerUnsupported = "Trigger orders are not supported by the local exchange.";
    public const string ScheduleTooEarly = "Scheduled cancel time too early, must be at least 5 seconds after current time.";
    public const string ScheduleLimit = "Too many scheduled cancel triggers today (at most 10 per day).";
    public const string Leverage = "Invalid leverage value.";

    public static string UnknownUser(string signer) => $"User or API Wallet {signer} does not exist.";

    public static string UnknownAsset(int asset) => $"Asset {asset} does not exist.";

    public static string Expired(long expiresAfter, long now) => $"Action expired: expiresAfter {expiresAfter} is before the exchange time {now}.";

    public static string Unsupported(string type) => $"Action type '{type}' is not supported by the local exchange.";

    public static string PostOnly(long bidRaw, long askRaw) => $"Post only order would have immediately matched, bbo was {Fixed8.ToString(bidRaw)}@{Fixed8.ToString(askRaw)}.";

    /// <summary>The error answer for a placement the matching core refused with <paramref name="status"/>.</summary>
    public static string ForRejection(OrderStatus status, long bidRaw, long askRaw) => status switch
    {
        OrderStatus.BadAloPxRejected => PostOnly(bidRaw, askRaw),
        OrderStatus.IocCancelRejected => IocNoMatch,
        OrderStatus.ReduceOnlyRejected => ReduceOnly,
        OrderStatus.TooManyOpenOrdersRejected => TooManyOpenOrders,
        OrderStatus.TickRejected => Tick,
        OrderStatus.MinTradeNtlRejected => MinValue,
        OrderStatus.PerpMarginRejected => Margin,
        _ => $"Order rejected ({status}).",
    };
}
