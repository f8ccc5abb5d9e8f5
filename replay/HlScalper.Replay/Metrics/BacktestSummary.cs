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
    double FillRatio)
{
    /// <summary>How <see cref="Sharpe"/> is computed, printed with every report.</summary>
    public const string SharpeMethod =
        "Sharpe: mean / standard deviation (sample, n-1) of one-minute changes of mark-to-market equity (realised PnL net of fees " +
        "+ open position at mid), annualised by sqrt(525,600 minutes a year: crypto trades around the clock), risk-free rate 0; 0 with fewer than 2 changes.";

    public static BacktestSummary From(TradeLedger ledger, ExchangeCounters counters)
    {
        var trades = ledger.Trades;
        double net = 0, gross = 0, fees = 0, hold = 0;
        var wins = 0L;
        foreach (var t in trades)
        {
            net += Fixed8.ToDouble(t.NetPnlRaw);
            gross += Fixed8.ToDouble(t.GrossPnlRaw);
            fees += Fixed8.ToDouble(t.FeesRaw);
            hold += t.HoldMs / 1000.0;
            if (t.NetPnlRaw > 0) wins++;
        }
        return new BacktestSummary(
            net, gross, fees,
            SharpeOf(ledger.Equity),
            trades.Count == 0 ? 0 : (double)wins / trades.Count,
            trades.Count == 0 ? 0 : hold / trades.Count,
            MaxDrawdownOf(ledger.Equity),
            trades.Count, counters.Entries, counters.Fills, counters.Cancels,
            counters.Placed == 0 ? 0 : (double)counters.FilledOrders / counters.Placed);
    }

    /// <summary>Largest fall of equity from a running peak, USDC (positive).</summary>
    public static double MaxDrawdownOf(IReadOnlyList<EquityPoint> equity)
    {
        long peak = long.MinValue, worst = 0;
        foreach (var p in equity)
        {
            peak = Math.Max(peak, p.EquityRaw);
            worst = Math.Max(worst, peak - p.EquityRaw);
        }
        return Fixed8.ToDouble(worst);
    }

    /// <summary>See <see cref="SharpeMethod"/>.</summary>
    public static double SharpeOf(IReadOnlyList<EquityPoint> equity)
    {
        var n = equity.Count - 1;
        if (n < 2) return 0;
        double sum = 0, sumSq = 0;
        for (var i = 1; i <= n; i++)
        {
            var change = Fixed8.ToDouble(equity[i].EquityRaw - equity[i - 1].EquityRaw);
            sum += change;
            sumSq += change * change;
        }
        var mean = sum / n;
        var variance = (sumSq - n * mean * mean) / (n - 1);
        return variance <= 0 ? 0 : mean / Math.Sqrt(variance) * Math.Sqrt(525_600);
    }

    /// <summary>Name and value of every field, in a fixed order and invariant format: the console table, the HTML table and the determinism check.</summary>
    public IReadOnlyList<(string Name, string Value)> Rows() =>
    [
        ("net_pnl_usd", Money(NetPnl)),
        ("gross_pnl_usd", Money(GrossPnl)),
        ("fees_usd", Money(Fees)),
        ("sharpe", Number(Sharpe, "0.000")),
        ("hit_rate", Number(HitRate, "0.0000")),
        ("mean_hold_s", Number(MeanHoldSeconds, "0.000")),
        ("max_drawdown_usd", Money(MaxDrawdown)),
        ("trades", Count(Trades)),
        ("entries", Count(Entries)),
        ("fills", Count(Fills)),
        ("cancels", Count(Cancels)),
        ("fill_ratio", Number(FillRatio, "0.0000")),
    ];

    public string ToTable()
    {
        var text = new StringBuilder();
        var width = Rows().Max(r => r.Name.Length) + 2;
        foreach (var (name, value) in Rows()) text.Append(name.PadRight(width)).Append(value.PadLeft(14)).Append('\n');
        return text.ToString();
    }

    private static string Money(double v) => Number(v, "0.0000");

    private static string Count(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Number(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
}
