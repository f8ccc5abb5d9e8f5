namespace HlScalper.Gateway.DeadMan;

/// <summary>Dead-man switch timing: refresh every <see cref="Interval"/> with a cancel time <see cref="Ahead"/> in the future.</summary>
public sealed record DeadManOptions
{
    /// <summary>The exchange refuses a scheduled time less than 5 s away.</summary>
    public static readonly TimeSpan MinimumAhead = TimeSpan.FromSeconds(5);

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(4);

    public TimeSpan Ahead { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Failures in a row tolerated before the alarm (the alarm goes at one more).</summary>
    public int AlarmAfter { get; init; } = 2;

    /// <summary>Throws when the exchange would refuse the schedule or the switch would fire between two healthy refreshes.</summary>
    public void Validate()
    {
        if (Ahead < MinimumAhead) throw new ArgumentException($"dead-man Ahead {Ahead.TotalSeconds} s is below the exchange's minimum of {MinimumAhead.TotalSeconds} s");
        if (Interval <= TimeSpan.Zero || Interval >= Ahead)
            throw new ArgumentException($"dead-man Interval {Interval.TotalSeconds} s must be positive and shorter than Ahead {Ahead.TotalSeconds} s, or the switch fires between refreshes");
        if (AlarmAfter < 0) throw new ArgumentException("dead-man AlarmAfter must be ≥ 0");
    }
}
