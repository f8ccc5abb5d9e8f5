using HlScalper.Engine.Events;
using HlScalper.Replay.Metrics;

namespace HlScalper.Replay.Reports;

/// <summary>A back-test's tables: <c>trades.parquet</c> with <c>trades.csv</c> beside it (the same columns), and <c>summary.parquet</c>.</summary>
public static class ResultFiles
{
    /// <summary>One row per round trip; the report's trade list renders the same table.</summary>
    public static ParquetTable TradesTable(IReadOnlyList<TradeRecord> trades, CoinTable coins) => new ParquetTable()
        .Add("coin", trades.Select(t => coins.NameOf(t.Coin)).ToArray())
        .Add("side", trades.Select(t => t.Side == Side.Buy ? "long" : "short").ToArray())
        .Add("entry_time", trades.Select(t => Time(t.EntryTimeMs)).ToArray())
        .Add("exit_time", trades.Select(t => Time(t.ExitTimeMs)).ToArray())
        .Add("entry_time_ms", trades.Select(t => t.EntryTimeMs).ToArray())
        .Add("exit_time_ms", trades.Select(t => t.ExitTimeMs).ToArray())
        .Add("entry_px", trades.Select(t => Usd(t.EntryPxRaw)).ToArray())
        .Add("exit_px", trades.Select(t => Usd(t.ExitPxRaw)).ToArray())
        .Add("size", trades.Select(t => Usd(t.SizeRaw)).ToArray())
        .Add("gross_pnl_usd", trades.Select(t => Usd(t.GrossPnlRaw)).ToArray())
        .Add("fees_usd", trades.Select(t => Usd(t.FeesRaw)).ToArray())
        .Add("funding_usd", trades.Select(t => Usd(t.FundingRaw)).ToArray())
        .Add("net_pnl_usd", trades.Select(t => Usd(t.NetPnlRaw)).ToArray())
        .Add("hold_ms", trades.Select(t => t.HoldMs).ToArray())
        .Add("queue_wait_ms", trades.Select(t => t.QueueWaitMs).ToArray())
        .Add("entry_liquidity", trades.Select(t => Name(t.EntryLiquidity)).ToArray())
        .Add("exit_liquidity", trades.Select(t => Name(t.ExitLiquidity)).ToArray())
        .Add("entry_reason", trades.Select(t => t.EntryReason.ToString()).ToArray())
        .Add("exit_reason", trades.Select(ExitReason).ToArray());

    public static async Task WriteTradesAsync(string parquetPath, IReadOnlyList<TradeRecord> trades, CoinTable coins, CancellationToken cancel = default)
    {
        var table = TradesTable(trades, coins);
        await table.WriteAsync(parquetPath, cancel: cancel);
        table.WriteCsv(Path.ChangeExtension(parquetPath, ".csv"));
    }

    public static string ExitReason(TradeRecord t) => t.EndOfData ? "EndOfData" : t.ExitReason.ToString();

    public static Task WriteSummaryAsync(string path, BacktestSummary s, CancellationToken cancel = default) =>
        SummaryTable([s]).WriteAsync(path, cancel: cancel);

    /// <summary>Summary columns for one row per run (the sweep adds its parameters in front).</summary>
    public static ParquetTable SummaryTable(IReadOnlyList<BacktestSummary> rows, ParquetTable? into = null) =>
        (into ?? new ParquetTable())
            .Add("net_pnl_usd", rows.Select(s => s.NetPnl).ToArray())
            .Add("gross_pnl_usd", rows.Select(s => s.GrossPnl).ToArray())
            .Add("fees_usd", rows.Select(s => s.Fees).ToArray())
            .Add("maker_fees_usd", rows.Select(s => s.MakerFees).ToArray())
            .Add("funding_usd", rows.Select(s => s.Funding).ToArray())
            .Add("sharpe", rows.Select(s => s.Sharpe).ToArray())
            .Add("hit_rate", rows.Select(s => s.HitRate).ToArray())
            .Add("mean_hold_s", rows.Select(s => s.MeanHoldSeconds).ToArray())
            .Add("max_drawdown_usd", rows.Select(s => s.MaxDrawdown).ToArray())
            .Add("trades", rows.Select(s => s.Trades).ToArray())
            .Add("entry_orders", rows.Select(s => s.Entries).ToArray())
            .Add("orders_placed", rows.Select(s => s.OrdersPlaced).ToArray())
            .Add("orders_filled", rows.Select(s => s.OrdersFilled).ToArray())
            .Add("filled_notional_usd", rows.Select(s => s.FilledNotional).ToArray())
            .Add("maker_notional_usd", rows.Select(s => s.MakerNotional).ToArray())
            .Add("fill_ratio", rows.Select(s => s.FillRatio).ToArray())
            .Add("fills", rows.Select(s => s.Fills).ToArray())
            .Add("maker_fills", rows.Select(s => s.MakerFills).ToArray())
            .Add("taker_fills", rows.Select(s => s.TakerFills).ToArray())
            .Add("cancels", rows.Select(s => s.Cancels).ToArray())
            .Add("rejects", rows.Select(s => s.Rejects).ToArray());

    private static string Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);

    private static string Name(Liquidity l) => l == Liquidity.None ? "" : l.ToString().ToLowerInvariant();

    private static double Usd(long raw) => Engine.Numbers.Fixed8.ToDouble(raw);
}
