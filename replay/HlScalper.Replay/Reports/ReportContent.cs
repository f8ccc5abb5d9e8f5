using HlScalper.Replay.Metrics;
using HlScalper.Replay.Sweep;

namespace HlScalper.Replay.Reports;

/// <summary>Everything <c>report.html</c> shows: the run, the parameter values, the summary with its legend, the trades, and an optional comparison run.</summary>
public sealed record ReportContent
{
    public required string Title { get; init; }

    /// <summary>Lines describing the run (data, exchange model, engine speed): shown, not part of the summary.</summary>
    public required IReadOnlyList<string> Run { get; init; }

    /// <summary>Every strategy and risk parameter with the value used and whether it was changed from the default.</summary>
    public required IReadOnlyList<(string Key, string Value, bool Changed)> Parameters { get; init; }

    public required BacktestSummary Summary { get; init; }

    public required IReadOnlyList<(string Name, string Value, string Meaning)> Strategy { get; init; }

    public required ParquetTable Trades { get; init; }

    /// <summary>The trades themselves, for the per-exit-reason breakdown.</summary>
    public required IReadOnlyList<TradeRecord> TradeRecords { get; init; }

    /// <summary>Notes a trader must not miss (fees against take-profit, the Kelly stop).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Other runs over the same data to show beside this one (touch vs queue fills).</summary>
    public IReadOnlyList<(string Label, BacktestSummary Summary)> Comparison { get; init; } = [];

    /// <summary>The fills repriced at every fee tier and the take-profit where each turns positive; null when not computed.</summary>
    public BreakEven? BreakEven { get; init; }

    public string EquityPng { get; init; } = "equity.png";

    public string DrawdownPng { get; init; } = "drawdown.png";
}
