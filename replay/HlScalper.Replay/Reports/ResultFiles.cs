using HlScalper.Replay.Metrics;

namespace HlScalper.Replay.Reports;

/// <summary>Writes a back-test's <c>trades.parquet</c> and <c>summary.parquet</c>.</summary>
public static class ResultFiles
{
    public static Task WriteTradesAsync(string path, IReadOnlyList<TradeRecord> trades, Engine.Events.CoinTable coins, CancellationToken cancel = default)
    {
        var table = new ParquetTable()
            .Add("coin", trades.Select(t => coins.NameOf(t.Coin)).ToArray())
            .Add("side", trades.Select(t => t.Side == Engine.Events.Side.Buy ? "long" : "short").ToArray())
            .Add("entry_time_ms", trades.Select(t => t.EntryTimeMs).ToArray())
            .Add("exit_time_ms", trades.Select(t => t.ExitTimeMs).ToArray())
            .Add("entry_px", trades.Select(t => Usd(t.EntryPxRaw)).ToArray())
            .Add("exit_px", trades.Select(t => Usd(t.ExitPxRaw)).ToArray())
            .Add("size", trades.Select(t => Usd(t.SizeRaw)).ToArray())
            .Add("gross_pnl_usd", trades.Select(t => Usd(t.GrossPnlRaw)).ToArray())
            .Add("fees_usd", trades.Select(t => Usd(t.FeesRaw)).ToArray())
            .Add("net_pnl_usd", trades.Select(t => Usd(t.NetPnlRaw)).ToArray())
            .Add("hold_ms", trades.Select(t => t.HoldMs).ToArray())
            .Add("entry_reason", trades.Select(t => t.EntryReason.ToString()).ToArray())
            .Add("exit_reason", trades.Select(t => t.EndOfData ? "EndOfData" : t.ExitReason.ToString()).ToArray());
        return table.WriteAsync(path, cancel: cancel);
    }

    public static Task WriteSummaryAsync(string path, BacktestSummary s, CancellationToken cancel = default) =>
        SummaryTable([s]).WriteAsync(path, cancel: cancel);

    /// <summary>Summary columns for one row per run (the sweep adds its parameters in front).</summary>
    public static ParquetTable SummaryTable(IReadOnlyList<BacktestSummary> rows, ParquetTable? into = null) =>
        (into ?? new ParquetTable())
            .Add("net_pnl_usd", rows.Select(s => s.NetPnl).ToArray())
            .Add("gross_pnl_usd", rows.Select(s => s.GrossPnl).ToArray())
            .Add("fees_usd", rows.Select(s => s.Fees).ToArray())
            .Add("sharpe", rows.Select(s => s.Sharpe).ToArray())
            .Add("hit_rate", rows.Select(s => s.HitRate).ToArray())
            .Add("mean_hold_s", rows.Select(s => s.MeanHoldSeconds).ToArray())
            .Add("max_drawdown_usd", rows.Select(s => s.MaxDrawdown).ToArray())
            .Add("trades", rows.Select(s => s.Trades).ToArray())
            .Add("entries", rows.Select(s => s.Entries).ToArray())
            .Add("fills", rows.Select(s => s.Fills).ToArray())
            .Add("cancels", rows.Select(s => s.Cancels).ToArray())
            .Add("fill_ratio", rows.Select(s => s.FillRatio).ToArray());

    private static double Usd(long raw) => Engine.Numbers.Fixed8.ToDouble(raw);
}
