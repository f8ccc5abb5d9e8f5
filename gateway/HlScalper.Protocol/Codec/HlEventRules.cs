using HlScalper.Engine.Events;
using HlScalper.Protocol.Actions;

namespace HlScalper.Protocol.Codec;

/// <summary>What values a parsed event may carry: the codec publishes nothing that breaks these, whichever parser read it.</summary>
/// <remarks>
/// A crossed or locked book (best bid ≥ best ask, each side otherwise in order) is not refused: the exchange
/// can publish one in a violent moment, and dropping it would leave the engine on an older, calmer book exactly
/// then. It is published with <see cref="EventFlags.Crossed"/> and counted; the engine's book reports no two
/// sides while it lasts (<see cref="HlScalper.Engine.Book.L2Book.HasTwoSides"/>), so the strategy stands aside
/// until an uncrossed book arrives.
/// </remarks>
public static class HlEventRules
{
    /// <summary>2020-01-01 UTC: older than any Hyperliquid message.</summary>
    public const long MinTimeMs = 1_577_836_800_000;

    /// <summary>2100-01-01 UTC: anything later is corruption, and still prints as a date.</summary>
    public const long MaxTimeMs = 4_102_444_800_000;

    /// <summary>Checks <paramref name="e"/> and flags a crossed book; <paramref name="receiveUnixMs"/> 0 = receive time unknown (only the absolute window applies).</summary>
    /// <remarks>Also for events that come from elsewhere than the codec (a Parquet tick table): the same values are impossible wherever they were stored.</remarks>
    public static HlRejectReason Check(ref MarketEvent e, long receiveUnixMs = 0, long windowMs = 0)
    {
        var time = CheckTime(e.ExchangeTimeMs, e.Kind is EventKind.Book or EventKind.Bbo, receiveUnixMs, windowMs);
        if (time != HlRejectReason.None) return time;
        switch (e.Kind)
        {
            case EventKind.Book:
            case EventKind.Bbo:
                return CheckBook(ref e);
            case EventKind.Trade:
                if (e.Px.Raw <= 0) return HlRejectReason.PriceNotPositive;
                if (e.Sz.Raw <= 0) return HlRejectReason.SizeNotPositive;
                return e.Tid < 0 ? HlRejectReason.NegativeId : HlRejectReason.None;
            case EventKind.Fill:
                if (e.Px.Raw <= 0) return HlRejectReason.PriceNotPositive;
                if (e.Sz.Raw <= 0) return HlRejectReason.SizeNotPositive;
                return e.Tid < 0 || e.Oid < 0 ? HlRejectReason.NegativeId : HlRejectReason.None;
            case EventKind.OrderUpdate:
                if (e.Px.Raw <= 0) return HlRejectReason.PriceNotPositive;
                if (e.Sz.Raw < 0 || e.OrigSz.Raw < 0) return HlRejectReason.SizeNotPositive;
                return e.Oid < 0 || e.Value < 0 ? HlRejectReason.NegativeId : HlRejectReason.None;
            default:
                return HlRejectReason.None;
        }
    }

    /// <summary>Checks one status of a post answer: order ids not negative, a fill's size and average price positive.</summary>
    public static HlRejectReason Check(in ActionStatus s) => s.Kind switch
    {
        ActionStatusKind.Filled when s.AvgPx.Raw <= 0 => HlRejectReason.PriceNotPositive,
        ActionStatusKind.Filled when s.TotalSz.Raw <= 0 => HlRejectReason.SizeNotPositive,
        _ => s.Oid < 0 ? HlRejectReason.NegativeId : HlRejectReason.None,
    };

    /// <summary>Books must be current; trades, fills and order updates may be history (a subscription's snapshot), but none may come from the future.</summary>
    private static HlRejectReason CheckTime(long timeMs, bool mustBeCurrent, long receiveUnixMs, long windowMs)
    {
        if (timeMs is < MinTimeMs or > MaxTimeMs) return HlRejectReason.TimeOutOfRange;
        if (receiveUnixMs == 0) return HlRejectReason.None;
        if (timeMs > receiveUnixMs + windowMs) return HlRejectReason.TimeOutOfRange;
        return mustBeCurrent && timeMs < receiveUnixMs - windowMs ? HlRejectReason.TimeOutOfRange : HlRejectReason.None;
    }

    private static HlRejectReason CheckBook(ref MarketEvent e)
    {
        e.Flags &= ~EventFlags.Crossed;
        for (var i = 0; i < e.BidCount; i++)
        {
            ref readonly var level = ref e.Bids[i];
            if (level.Px.Raw <= 0) return HlRejectReason.PriceNotPositive;
            if (level.Sz.Raw <= 0) return HlRejectReason.SizeNotPositive;
            if (i > 0 && level.Px.Raw >= e.Bids[i - 1].Px.Raw) return HlRejectReason.BidsNotDescending;
        }
        for (var i = 0; i < e.AskCount; i++)
        {
            ref readonly var level = ref e.Asks[i];
            if (level.Px.Raw <= 0) return HlRejectReason.PriceNotPositive;
            if (level.Sz.Raw <= 0) return HlRejectReason.SizeNotPositive;
            if (i > 0 && level.Px.Raw <= e.Asks[i - 1].Px.Raw) return HlRejectReason.AsksNotAscending;
        }
        if (e.BidCount > 0 && e.AskCount > 0 && e.Bids[0].Px.Raw >= e.Asks[0].Px.Raw) e.Flags |= EventFlags.Crossed;
        return HlRejectReason.None;
    }
}
