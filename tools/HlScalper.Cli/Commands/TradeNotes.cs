using System.Runtime.CompilerServices;
using HlScalper.Cli.Options;
using HlScalper.Engine.Events;
using HlScalper.Engine.Strategy;
using HlScalper.Replay.Exchange;

namespace HlScalper.Cli.Commands;

/// <summary>Notes backtest and sweep print so a result is not misread: a take-profit that cannot pay the fees, a Kelly sizer that stopped the entries.</summary>
internal static class TradeNotes
{
    /// <summary>The take-profit in bps of the data's last mid against the maker fees of a round trip; null when it covers them.</summary>
    public static string? Fees(Market market, IReadOnlyList<string> settings, SimExchangeConfig exchange)
    {
        var mid = LastMid(market);
        if (mid <= 0) return null;
        var ticks = new EngineConfig().With(settings).Strategy.TakeProfitTicks;
        var tpBps = (double)market.Asset.TickAt(mid) * ticks / mid * 10_000;
        var feeBps = (double)(exchange.MakerFeeRate * 2 * 10_000);
        if (tpBps >= feeBps) return null;
        return FormattableString.Invariant(
            $"the take-profit of {ticks} tick(s) is {tpBps:0.###} bps of {market.Asset.Name}'s price, under the {feeBps:0.##} bps of maker fees a round trip costs.")
            + " A trade that reaches it still loses after fees. Sweep tp_ticks (and pin sizing with --set prior_n=1000000) before trusting any setting.";
    }

    /// <summary>Says so when the Kelly sizer, learning from the run's own trades, stopped the entries: a result a trader must not misread as "no signals".</summary>
    public static string? Kelly(EngineStats stats)
    {
        var skipped = stats.Skips(SkipReason.KellyNotPositive);
        if (stats.KellyF > 0 || skipped == 0) return null;
        return $"after {stats.Trades} trade(s) the Kelly fraction f* is {stats.KellyF:0.###}: the strategy's own results say its edge does not cover "
               + $"its costs (fees included), so it stopped entering ({skipped:N0} triggers skipped). Widen tp_ticks, trade a market whose tick is larger "
               + "relative to fees, or pin sizing to the prior (--set prior_n=1000000) to see what it would have done.";
    }

    private static long LastMid(Market market)
    {
        long mid = 0;
        using var cursor = market.Tape.Open();
        for (ref readonly var e = ref cursor.Next(); !Unsafe.IsNullRef(in e); e = ref cursor.Next())
            if (e.Kind is EventKind.Book or EventKind.Bbo && e.BidCount > 0 && e.AskCount > 0) mid = (e.Bids[0].Px.Raw + e.Asks[0].Px.Raw) / 2;
        return mid;
    }
}
