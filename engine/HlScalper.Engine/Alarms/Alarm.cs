namespace HlScalper.Engine.Alarms;

/// <summary>One alarm raised by the engine thread: a plain struct, so raising it allocates nothing; sinks turn it into text.</summary>
public readonly record struct Alarm(AlarmKind Kind, ushort Coin, long TimeMs, double Value)
{
    /// <summary>One human line, e.g. "stale feed: no book update for 3200 ms".</summary>
    public string Describe() => Kind switch
    {
        AlarmKind.StaleFeed => $"stale feed: no book update for {Value:0} ms",
        AlarmKind.DeadManFailures => $"dead-man refresh failed {Value:0} times in a row",
        AlarmKind.EquityStop => $"equity stop: intraday drawdown {Value:P2} from the day's peak; cancelling, flattening, halting",
        AlarmKind.KillSwitch => "kill switch pulled: cancelling all orders, no new entries",
        AlarmKind.Watchdog => "watchdog: a part of the live run died or stalled; orders cancelled, dead-man refresh stopped, exiting",
        AlarmKind.OrderRefused => $"order refused for good ({(Events.OrderStatus)(int)Value}): retries stopped",
        AlarmKind.ClockSkew => $"clock skew {Value:0} ms against the exchange",
        _ => $"alarm {Kind} value {Value}",
    };

    /// <summary>Severity in PagerDuty's vocabulary.</summary>
    public string Severity => Kind is AlarmKind.EquityStop or AlarmKind.KillSwitch or AlarmKind.Watchdog or AlarmKind.OrderRefused ? "critical" : "error";
}
