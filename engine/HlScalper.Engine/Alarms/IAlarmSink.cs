namespace HlScalper.Engine.Alarms;

/// <summary>Where the engine raises alarms; called on the engine thread, so an implementation must return at once (queue slow work).</summary>
public interface IAlarmSink
{
    void Raise(in Alarm alarm);
}
