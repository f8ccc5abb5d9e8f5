namespace HlScalper.Engine.Alarms;

/// <summary>Writes each alarm as one line through the caller's line writer (the console or a log file the caller opened; the engine does no I/O).</summary>
public sealed class LogAlarmSink(Action<string> writeLine) : IAlarmSink
{
    public void Raise(in Alarm alarm)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(alarm.TimeMs).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        writeLine($"{time} ALARM {alarm.Severity} coin={alarm.Coin} {alarm.Describe()}");
    }
}
