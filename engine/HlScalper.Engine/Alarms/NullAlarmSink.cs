namespace HlScalper.Engine.Alarms;

/// <summary>Drops alarms: for sweeps and benchmarks where nobody is paged.</summary>
public sealed class NullAlarmSink : IAlarmSink
{
    public static NullAlarmSink Instance { get; } = new();

    public void Raise(in Alarm alarm)
    {
    }
}
