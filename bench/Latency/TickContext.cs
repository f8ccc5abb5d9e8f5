namespace HlScalper.Bench.Latency;

/// <summary>What the engine thread is working on, shared with the timing sink, and which tick caused each order (for the receiver).</summary>
public sealed class TickContext(int maxOrders, long firstTickTimeMs, long tickStepMs, int warmupTicks)
{
    /// <summary>Ticks before this one warm the JIT and caches and are not recorded.</summary>
    public int WarmupTicks { get; } = warmupTicks;

    /// <summary>The highest tick the engine has handled.</summary>
    public int LastTick = -1;

    /// <summary>Receive timestamp of the event being handled.</summary>
    public long ReceiveTimestamp;

    /// <summary>Index of the feeder message the event came from (its exchange time encodes it), or -1.</summary>
    public int Tick = -1;

    /// <summary>Tick index behind order n; -1 until the engine has decided it.</summary>
    public readonly int[] OrderTicks = Enumerable.Repeat(-1, maxOrders).ToArray();

    public int Orders;

    public bool IsMeasured(int tick) => tick >= WarmupTicks;

    public int TickOf(long exchangeTimeMs)
    {
        var k = (exchangeTimeMs - firstTickTimeMs) / tickStepMs;
        return k >= 0 && (exchangeTimeMs - firstTickTimeMs) % tickStepMs == 0 ? (int)k : -1;
    }
}
