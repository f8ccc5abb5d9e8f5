namespace HlScalper.LocalExchange.Venue;

/// <summary>The fault knobs that can change while running (admin endpoints): reject share, action latency, feed stall.</summary>
public sealed class FaultKnobs
{
    private double _rejectShare;
    private int _latencyMs;
    private long _stallUntilMs;
    private CancellationTokenSource _latencyChanged = new();

    public double RejectShare
    {
        get => Volatile.Read(ref _rejectShare);
        set => Volatile.Write(ref _rejectShare, Math.Clamp(value, 0, 1));
    }

    /// <summary>Setting it lets every action held under the old value go at once, so a hold can be as long as a test or user needs.</summary>
    public int LatencyMs
    {
        get => Volatile.Read(ref _latencyMs);
        set
        {
            Volatile.Write(ref _latencyMs, Math.Max(0, value));
            Interlocked.Exchange(ref _latencyChanged, new CancellationTokenSource()).Cancel();
        }
    }

    /// <summary>
    /// The latency in force and a token cancelled when it next changes. The token is read before the latency and the
    /// setter writes the latency before it swaps the token, so a reader never holds an action past a change.
    /// The old source is not disposed: a reader may still be taking its token, and a source without a timer holds nothing.
    /// </summary>
    public (int Ms, CancellationToken Changed) Latency
    {
        get
        {
            var changed = Volatile.Read(ref _latencyChanged).Token;
            return (LatencyMs, changed);
        }
    }

    /// <summary>Market data is not pushed before this time (Unix ms).</summary>
    public long StallUntilMs
    {
        get => Volatile.Read(ref _stallUntilMs);
        set => Volatile.Write(ref _stallUntilMs, value);
    }

    public bool IsStalled(long nowMs) => nowMs < StallUntilMs;
}
