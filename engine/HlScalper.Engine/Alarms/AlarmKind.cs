namespace HlScalper.Engine.Alarms;

/// <summary>What an alarm is about (playbook §7: missing feed > 3 s, dead-man failures > 2, equity stop).</summary>
public enum AlarmKind : byte
{
    None = 0,
    /// <summary>No book update for longer than the stale threshold; <see cref="Alarm.Value"/> = silence in ms.</summary>
    StaleFeed,
    /// <summary>The dead-man refresh failed more than the allowed times in a row; value = failures.</summary>
    DeadManFailures,
    /// <summary>Intraday drawdown passed the stop; value = drawdown as a fraction.</summary>
    EquityStop,
    /// <summary>The kill switch was pulled.</summary>
    KillSwitch,
}
