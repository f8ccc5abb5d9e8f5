using HlScalper.Engine.Strategy;
using HlScalper.Replay.Exchange;
using HlScalper.Replay.Metrics;

namespace HlScalper.Replay.Driver;

/// <summary>What one back-test produced: the deterministic summary, trades and equity, plus how fast it ran (not part of the summary).</summary>
public sealed record BacktestResult(
    BacktestSummary Summary,
    IReadOnlyList<TradeRecord> Trades,
    IReadOnlyList<EquityPoint> Equity,
    ExchangeCounters Exchange,
    EngineStats Engine,
    long EventsPublished,
    TimeSpan Elapsed)
{
    public double EventsPerSecond => Elapsed.TotalSeconds > 0 ? EventsPublished / Elapsed.TotalSeconds : 0;
}
