namespace HlScalper.Live.Account;

/// <summary>
/// The exchange's time as this machine can tell it: the local clock minus the measured skew. Every event the live run makes itself
/// (timer, post replies, dead-man, kill switch, equity, recovery, control) is stamped with it, so the engine has one clock — the
/// exchange's, which its books, trades and fills carry — and a local clock running ahead cannot move engine time past the market.
/// </summary>
/// <remarks>Timers and timestamps are the local clock's; only the wall-clock reading is corrected. The skew is re-measured while
/// the run goes (<see cref="ClockSkewMonitor"/>) and may change under readers: it is one atomic 64-bit value.</remarks>
public sealed class ExchangeClock(TimeProvider local) : TimeProvider
{
    private long _skewMicros;

    /// <summary>Local minus exchange time, ms (positive = the local clock is ahead).</summary>
    public double SkewMs
    {
        get => Volatile.Read(ref _skewMicros) / 1000.0;
        set => Volatile.Write(ref _skewMicros, (long)Math.Round(value * 1000));
    }

    /// <summary>The local clock this one corrects.</summary>
    public TimeProvider Local => local;

    public override DateTimeOffset GetUtcNow() => local.GetUtcNow().AddTicks(-Volatile.Read(ref _skewMicros) * TimeSpan.TicksPerMicrosecond);

    public override long GetTimestamp() => local.GetTimestamp();

    public override long TimestampFrequency => local.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => local.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => local.CreateTimer(callback, state, dueTime, period);
}
