using HlScalper.Engine.Events;

namespace HlScalper.Protocol.Codec.Fuzzing;

/// <summary>The fuzz harness's own statement of what a published event may carry, written apart from the codec's rules so that a slip in those is caught, not repeated.</summary>
internal static class EventSanity
{
    /// <summary>Looser than the codec's window on purpose: this catches the impossible, not the merely doubtful.</summary>
    private static readonly TimeSpan Tolerance = TimeSpan.FromHours(1);

    /// <summary>What is impossible about <paramref name="e"/>, or null.</summary>
    public static string? Problem(in MarketEvent e, int coins, long receiveUnixMs)
    {
        if (e.Coin >= coins) return $"coin index {e.Coin} outside a table of {coins}";
        if (!IsPlausibleDate(e.ExchangeTimeMs)) return $"time {e.ExchangeTimeMs} is no date in this century";
        if (receiveUnixMs != 0)
        {
            var offset = TimeSpan.FromMilliseconds(e.ExchangeTimeMs - receiveUnixMs);
            if (offset > Tolerance) return $"time {e.ExchangeTimeMs} lies {offset} after its receipt";
            if (e.Kind is EventKind.Book or EventKind.Bbo && -offset > Tolerance) return $"a book {-offset} older than its receipt";
        }
        return e.Kind switch
        {
            EventKind.Book or EventKind.Bbo => BookProblem(in e),
            EventKind.Trade => Positive(e.Px.Raw, "price") ?? Positive(e.Sz.Raw, "size") ?? NotNegative(e.Tid, "tid"),
            EventKind.Fill => Positive(e.Px.Raw, "price") ?? Positive(e.Sz.Raw, "size") ?? NotNegative(e.Tid, "tid") ?? NotNegative(e.Oid, "oid"),
            EventKind.OrderUpdate => Positive(e.Px.Raw, "limit price") ?? NotNegative(e.Sz.Raw, "remaining size") ?? NotNegative(e.OrigSz.Raw, "original size") ?? NotNegative(e.Oid, "oid"),
            _ => $"a {e.Kind} event cannot come from a message",
        };
    }

    private static bool IsPlausibleDate(long ms) =>
        ms is > 0 and < 253_402_300_800_000 && DateTimeOffset.FromUnixTimeMilliseconds(ms).Year is >= 2020 and < 2100;

    private static string? BookProblem(in MarketEvent e)
    {
        if (e.BidCount > BookLevels.Capacity || e.AskCount > BookLevels.Capacity) return $"{e.BidCount}/{e.AskCount} levels";
        ReadOnlySpan<BookLevel> bids = e.Bids;
        ReadOnlySpan<BookLevel> asks = e.Asks;
        bids = bids[..e.BidCount];
        asks = asks[..e.AskCount];
        foreach (var level in bids)
            if ((Positive(level.Px.Raw, "bid price") ?? Positive(level.Sz.Raw, "bid size") ?? NotNegative(level.Count, "order count")) is { } p) return p;
        foreach (var level in asks)
            if ((Positive(level.Px.Raw, "ask price") ?? Positive(level.Sz.Raw, "ask size") ?? NotNegative(level.Count, "order count")) is { } p) return p;
        for (var i = 1; i < bids.Length; i++)
            if (bids[i].Px >= bids[i - 1].Px) return $"bid {i} at {bids[i].Px} is not below {bids[i - 1].Px}";
        for (var i = 1; i < asks.Length; i++)
            if (asks[i].Px <= asks[i - 1].Px) return $"ask {i} at {asks[i].Px} is not above {asks[i - 1].Px}";
        var crossed = bids.Length > 0 && asks.Length > 0 && bids[0].Px >= asks[0].Px;
        var flagged = (e.Flags & EventFlags.Crossed) != 0;
        return crossed == flagged ? null : crossed ? $"crossed ({bids[0].Px} ≥ {asks[0].Px}) but not flagged" : "flagged crossed but is not";
    }

    private static string? Positive(long value, string what) => value > 0 ? null : $"{what} {value} ≤ 0";

    private static string? NotNegative(long value, string what) => value >= 0 ? null : $"{what} {value} < 0";
}
