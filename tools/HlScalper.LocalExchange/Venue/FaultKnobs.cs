namespace HlScalper.LocalExchange.Venue;

/// <summary>The fault knobs that can change while running (admin endpoints): reject share, action latency, feed stall.</summary>
public sealed class FaultKnobs
{
    private double _rejectShare;
    private int _latencyMs;
    private long _stallUntilMs;

    public double RejectShare
    {
        get => Volatile.Read(ref _rejectShare);
        set => Volatile.Write(ref _rejectShare, Math.Clamp(value, 0, 1));
    }

    public int LatencyMs
    {
        get => Volatile.Read(ref _latencyMs);
        set => Volatile.Write(ref _latencyMs, Math.Max(0, value));
    }

    /// <summary>Market data is not pushed before this time (Unix ms).</summary>
    public long StallUntilMs
    {
        get => Volatile.Read(ref _stallUntilMs);
        set => Volatile.Write(ref _stallUntilMs, value);
    }

    public bool IsStalled(long nowMs) => nowMs < StallUntilMs;
}
