namespace HlScalper.Testing;

/// <summary>A clock the test sets: the only way to make the wall clock stall or step back on demand.</summary>
public sealed class ManualClock(long nowMs) : TimeProvider
{
    public long Now { get; set; } = nowMs;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(Now);
}
