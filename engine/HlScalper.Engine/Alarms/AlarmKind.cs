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
    /// <summary>The watchdog found a dead or stuck part of the live run (the engine, the log, a service): orders cancelled, the run ends.</summary>
    Watchdog,
    /// <summary>The exchange refused an order for a reason that will not change by retrying (minimum value, margin, reduce-only with no
    /// position, tick): the engine stopped sending that kind of order; value = the <see cref="Events.OrderStatus"/> it refused with.</summary>
    OrderRefused,
    /// <summary>Our clock and the exchange's differ by more than the alarm threshold; value = skew in ms (positive = ours ahead).</summary>
    ClockSkew,
}
