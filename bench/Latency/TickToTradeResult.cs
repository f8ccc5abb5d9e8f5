using HlScalper.Engine.Metrics;
namespace HlScalper.Bench.Latency;

/// <summary>What a tick-to-trade run measured.</summary>
public sealed record TickToTradeResult(
    IReadOnlyList<LatencyHistogram> Histograms,
    IReadOnlyList<LatencyHistogram> Stages,
    long TicksSent,
    long EventsHandled,
    long Orders,
    long FullSignatures,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    TimeSpan Elapsed,
    IReadOnlyList<string> Files);
