using System.Globalization;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Strategy;

namespace HlScalper.Replay.Reports;

/// <summary>The strategy's own counters for a back-test report, named so that none repeats a summary name (the strategy's cancel requests are not the exchange's confirmed cancels).</summary>
public static class StrategyCounters
{
    public static IReadOnlyList<(string Name, string Value, string Meaning)> Rows(EngineStats s) =>
    [
        ("entries_filled", Count(s.EntriesFilled), "entries that filled at least partly (positions opened)"),
        ("exits_take_profit", Count(s.Exits(IntentReason.TakeProfit)), "positions closed by the take-profit order"),
        ("exits_timeout", Count(s.Exits(IntentReason.TimeoutExit)), "positions closed by an IOC after timeout_s"),
        ("exits_adverse", Count(s.Exits(IntentReason.AdverseExit)), "positions closed by an IOC after adverse_ticks against"),
        ("exits_equity_stop", Count(s.Exits(IntentReason.EquityStop)), "positions closed by the equity stop"),
        ("cancel_requests", Count(s.TotalCancels), "cancels the strategy sent (some meet an order that already filled; the exchange's count is 'cancels')"),
        ("skipped_kelly", Count(s.Skips(SkipReason.KellyNotPositive)), "triggers not taken: the Kelly fraction was not positive"),
        ("skipped_spread", Count(s.Skips(SkipReason.SpreadTooNarrow)), "triggers not taken: one tick inside the spread would cross"),
        ("skipped_min_notional", Count(s.Skips(SkipReason.BelowMinNotional)), "triggers not taken: the sized order was under the exchange minimum"),
        ("skipped_risk_veto", Count(s.Skips(SkipReason.RiskVeto)), "triggers not taken: a risk guard vetoed the order"),
        ("kelly_f", s.KellyF.ToString("0.####", CultureInfo.InvariantCulture), "Kelly fraction f* at the end (prior shrunk toward the run's own trades)"),
    ];

    /// <summary>One line of the counters for the console.</summary>
    public static string Line(EngineStats s) => string.Join(' ', Rows(s).Select(r => $"{r.Name}={r.Value}"));

    private static string Count(long v) => v.ToString(CultureInfo.InvariantCulture);
}
