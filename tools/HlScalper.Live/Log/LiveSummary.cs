using System.Globalization;
using HlScalper.Engine.Events;
using HlScalper.Engine.Metrics;

namespace HlScalper.Live.Log;

/// <summary>The lines printed when a live run stops; the first is the contract's <c>summary:</c> line that scripts and tests parse.</summary>
public static class LiveSummary
{
    /// <param name="accountStart">Account value (USDC) at start, null when unknown (dry run without an account).</param>
    /// <param name="accountEnd">Account value at the end, null when unknown.</param>
    public static IReadOnlyList<string> Lines(LiveCounters counters, LatencyHistogram tickToTrade, decimal? accountStart, decimal? accountEnd, string engineStats)
    {
        var c = CultureInfo.InvariantCulture;
        var p50 = tickToTrade.Count == 0 ? 0 : tickToTrade.Micros(50);
        var p99 = tickToTrade.Count == 0 ? 0 : tickToTrade.Micros(99);
        var change = accountStart is { } s && accountEnd is { } e ? (e - s).ToString("0.####", c) : "unknown";
        return
        [
            string.Format(c, "summary: orders={0} acks={1} fills={2} cancels={3} rejects={4} pnl={5:0.####} ticktotrade_p50_us={6:0.0} ticktotrade_p99_us={7:0.0}",
                counters.Orders, counters.Acks, counters.Fills, counters.Cancels, counters.Rejects, counters.Pnl, p50, p99),
            string.Format(c, "account: value_start={0} value_end={1} change={2} fees={3:0.####} closed_pnl={4:0.####} cancel_requests={5} ticktotrade_samples={6}",
                accountStart?.ToString("0.####", c) ?? "unknown", accountEnd?.ToString("0.####", c) ?? "unknown", change,
                HlScalper.Engine.Numbers.Fixed8.ToDecimal(counters.FeesRaw), HlScalper.Engine.Numbers.Fixed8.ToDecimal(counters.ClosedPnlRaw),
                counters.CancelRequests, tickToTrade.Count),
            $"engine: {engineStats}",
        ];
    }

    /// <summary>
    /// "position: left=X …" when the run ends holding a position it could not close (a failed flatten, or exits the exchange refused
    /// for good), saying when it is dust below the exchange's minimum order value; null when there is nothing to say.
    /// </summary>
    /// <param name="leftRaw">The position left (raw; <see cref="long.MaxValue"/> = unknown after a failed close-out).</param>
    /// <param name="exitRefused">The refusal the engine's exits gave up on; <see cref="OrderStatus.Unknown"/> when they did not.</param>
    /// <param name="refusal">The exchange's words for the flatten's last refusal, if any.</param>
    public static string? PositionLine(long leftRaw, OrderStatus exitRefused, string? refusal)
    {
        if (leftRaw == 0 && exitRefused == OrderStatus.Unknown) return null;
        var dust = exitRefused == OrderStatus.MinTradeNtlRejected || refusal?.StartsWith("Order must have minimum value", StringComparison.Ordinal) == true;
        var left = leftRaw == long.MaxValue ? "unknown" : HlScalper.Engine.Numbers.Fixed8.ToString(leftRaw);
        var why = dust ? "dust: below the exchange's minimum order value, no order can close it; close it by hand or add to it first"
            : exitRefused != OrderStatus.Unknown ? $"exits refused for good ({exitRefused})"
            : "the flatten did not finish";
        return "position: " + LogFmt.Fields(("left", left), ("dust", dust ? 1 : 0), ("exit_refused", exitRefused == OrderStatus.Unknown ? null : exitRefused),
            ("refused", refusal), ("msg", why));
    }
}
