namespace HlScalper.Bench.Latency;

/// <summary>Settings of one tick-to-trade run.</summary>
public sealed record TickToTradeOptions
{
    public int Ticks { get; init; } = 1_000_000;

    /// <summary>Feeder messages a second; 0 = as fast as the socket takes them.</summary>
    public double Rate { get; init; } = 50_000;

    /// <summary>busyspin | yielding | sleeping | blocking: how the engine thread waits for events.</summary>
    public string Wait { get; init; } = "yielding";

    /// <summary>CPU to pin the engine thread to (null = unpinned).</summary>
    public int? EngineCpu { get; init; }

    /// <summary>CPU to pin the feed's I/O thread to (null = unpinned).</summary>
    public int? IoCpu { get; init; }

    /// <summary>CPU to pin the venue's feeder and reader to (null = unpinned).</summary>
    public int? VenueCpu { get; init; }

    /// <summary>Exchange-time step between ticks (ms): the strategy sees a market moving this fast.</summary>
    public long StepMs { get; init; } = 100;

    /// <summary>Strategy settings for the run: loose triggers so that many ticks lead to an order.</summary>
    public IReadOnlyList<string> Settings { get; init; } = ["imbalance=0.5", "spread_bps=50", "entry_timeout_s=0.3", "stale_s=3600"];

    public string OutputDirectory { get; init; } = "latency-out";

    /// <summary>Where the pipeline's structured log goes (as <c>hlscalper live</c> writes it); null = discarded.</summary>
    public string? LogFile { get; init; }
}
