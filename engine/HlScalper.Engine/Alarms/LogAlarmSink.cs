namespace HlScalper.Engine.Alarms;

/// <summary>Writes each alarm as one line to a text writer (the console or a log file the caller opened).</summary>
public sealed class LogAlarmSink(TextWriter writer) : IAlarmSink
{
    public void Raise(in Alarm alarm)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(alarm.TimeMs).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        writer.WriteLine($"{time} ALARM {alarm.Severity} coin={alarm.Coin} {alarm.Describe()}");
    }
}
