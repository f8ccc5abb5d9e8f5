using HlScalper.Engine.Alarms;

namespace HlScalper.Live.Log;

/// <summary>Counts the alarms raised off the ring (the watchdog's trip, the clock check) where the engine's are counted, then passes them on.</summary>
public sealed class CountingAlarmSink(LiveCounters counters, IAlarmSink? next) : IAlarmSink
{
    public void Raise(in Alarm alarm)
    {
        counters.CountAlarm(alarm.Kind);
        next?.Raise(in alarm);
    }
}
