using System.Globalization;
using System.Text;
using HlScalper.Engine.Numbers;
using HlScalper.Replay.Exchange;

namespace HlScalper.Replay.Metrics;

/// <summary>The result of one back-test, in USDC and counts; deterministic (no wall-clock figures), so equal runs give byte-identical summaries.</summary>
public sealed record BacktestSummary(
    double NetPnl,
    double GrossPnl,
    double Fees,
    double Sharpe,
    double HitRate,
    double MeanHoldSeconds,
    double MaxDrawdown,
    long Trades,
    long Entries,
    long Fills,
    long Cancels,
    double FillRatio,
    double MakerFees = 0,
    long MakerFills = 0,
    long TakerFills = 0,
    long OrdersPlaced = 0,
    long OrdersFilled = 0,
    long Rejects = 0,
    double FilledNotional = 0,
    double MakerNotional = 0,
    double Funding = 0)
{
    /// <summary>Ratios over fewer round trips than this are shown as "n/a (N trades)": one trade says nothing about a Sharpe ratio or a hit rate.</summary>
    public const int MinTradesForRatios = 30;

    /// <summary>How <see cref="Sharpe"/> is computed, printed with every report.</summary>
    public const string SharpeMethod =
        "Sharpe: mean / standard deviation (sample, n-1) of one-minute changes of mark-to-market equity (realised PnL net of fees " +
        "+ open position at mid, as it stood at the end of each minute of exchange time), annualised by sqrt(525,600 minutes a year: crypto trades around the clock), risk-free rate 0; 0 with fewer than 2 changes.";

    public static BacktestSummary From(TradeLedger ledger, ExchangeCounters counters)
    {
        var trades = ledger.Trades;
        double net = 0, gross = 0, fees = 0, hold = 0, funding = 0;
        var wins = 0L;
        foreach (var t in trades)
        {
            net += Fixed8.ToDouble(t.NetPnlRaw);
            gross += Fixed8.ToDouble(t.GrossPnlRaw);
            fees += Fixed8.ToDouble(t.FeesRaw);
            funding += Fixed8.ToDouble(t.FundingRaw);
            hold += t.HoldMs / 1000.0;
            if (t.NetPnlRaw > 0) wins++;
        }
        var equity = EquityShape.Of(ledger.Equity);
        return new BacktestSummary(
            net, gross, fees,
            equity.Sharpe,
            trades.Count == 0 ? 0 : (double)wins / trades.Count,
            trades.Count == 0 ? 0 : hold / trades.Count,
            Fixed8.ToDouble(equity.DrawdownRaw),
            trades.Count, counters.Entries, counters.Fills, counters.Cancels,
            counters.Placed == 0 ? 0 : (double)counters.FilledOrders / counters.Placed,
            Fixed8.ToDouble(ledger.MakerFeesRaw), counters.MakerFills, counters.TakerFills, counters.Placed, counters.FilledOrders, counters.Rejected,
            Usd(counters.FilledNotionalRaw), Usd(counters.MakerNotionalRaw), funding);
    }

    /// <summary>A price × size sum (raw units squared) in USDC.</summary>
    private static double Usd(Int128 notionalRaw) => Fixed8.ToDouble((long)(notionalRaw / Fixed8.Scale));

    /// <summary>Largest fall of equity from a running peak, USDC (positive).</summary>
    public static double MaxDrawdownOf(IReadOnlyList<EquityPoint> equity) => Fixed8.ToDouble(EquityShape.Of(equity).DrawdownRaw);

    /// <summary>See <see cref="SharpeMethod"/>.</summary>
    public static double SharpeOf(IReadOnlyList<EquityPoint> equity) => EquityShape.Of(equity).Sharpe;

    /// <summary>Name, value and meaning of every field, in a fixed order and invariant format: the console table, the HTML table with its legend, and the determinism check. Each name appears once.</summary>
    public IReadOnlyList<(string Name, string Value, string Meaning)> Rows() =>
    [
        ("net_pnl_usd", Money(NetPnl), "realised PnL after fees and funding, USDC (a position open at the end is closed at the last mid, no exit fee)"),
        ("gross_pnl_usd", Money(GrossPnl), "realised PnL before fees"),
        ("fees_usd", Money(Fees), "all fees paid (negative: rebates)"),
        ("maker_fees_usd", Money(MakerFees), "fees on fills that added liquidity (maker rate)"),
        ("taker_fees_usd", Money(Fees - MakerFees), "fees on fills that took liquidity (taker rate)"),
        ("funding_usd", Money(Funding), "funding received (+) or paid (−) on open positions each hour, in net_pnl_usd"),
        ("sharpe", Ratio(Sharpe, "0.000"), $"annualised Sharpe of one-minute equity changes (method below); n/a under {MinTradesForRatios} trades"),
        ("hit_rate", Ratio(HitRate, "0.0000"), $"share of trades with net PnL above 0; n/a under {MinTradesForRatios} trades"),
        ("mean_hold_s", Number(MeanHoldSeconds, "0.000"), "mean time from a trade's first entry fill to its last exit fill, seconds"),
        ("max_drawdown_usd", Money(MaxDrawdown), "largest fall of mark-to-market equity from a running peak (minute samples)"),
        ("trades", Count(Trades), "round trips: flat → position → flat"),
        ("entry_orders", Count(Entries), "entry orders that reached the exchange"),
        ("orders_placed", Count(OrdersPlaced), "all orders that reached the exchange (entries, take-profits, exits)"),
        ("orders_filled", Count(OrdersFilled), "orders that filled at least partly"),
        ("filled_notional_usd", Money(FilledNotional), "price × size of all fills, USDC: the volume filled, by which fill models compare (touch ≥ queue for the same orders)"),
        ("maker_notional_usd", Money(MakerNotional), "the part of filled_notional_usd that rested first (maker); the rest took liquidity"),
        ("fill_ratio", Number(FillRatio, "0.0000"), "orders_filled / orders_placed"),
        ("fills", Count(Fills), "fill events (a partial fill counts once per slice)"),
        ("maker_fills", Count(MakerFills), "fills that rested in the book first"),
        ("taker_fills", Count(TakerFills), "fills that crossed the book"),
        ("cancels", Count(Cancels), "orders the exchange cancelled at our request (and IOC remainders)"),
        ("rejects", Count(Rejects), "orders the exchange refused (post-only crossing, reduce-only, limits)"),
    ];

    public string ToTable()
    {
        var text = new StringBuilder();
        var width = Rows().Max(r => r.Name.Length) + 2;
        foreach (var (name, value, _) in Rows()) text.Append(name.PadRight(width)).Append(value.PadLeft(18)).Append('\n');
        return text.ToString();
    }

    /// <summary>A ratio over enough trades to mean something, or "n/a (N trades)".</summary>
    private string Ratio(double v, string format) => Trades < MinTradesForRatios ? $"n/a ({Trades} trades)" : Number(v, format);

    private static string Money(double v) => Number(v, "0.0000");

    private static string Count(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Number(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
}
