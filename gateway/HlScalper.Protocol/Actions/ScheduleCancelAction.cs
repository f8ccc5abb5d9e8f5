namespace HlScalper.Protocol.Actions;

/// <summary>The dead-man switch: <c>{"type":"scheduleCancel","time"?:ms}</c>; without a time it clears the schedule.</summary>
public sealed class ScheduleCancelAction(long? time = null) : ExchangeAction
{
    public long? Time { get; set; } = time;

    public override string Type => "scheduleCancel";

    public override void Write<TWriter>(ref TWriter writer)
    {
        writer.BeginMap(Time.HasValue ? 2 : 1);
        ActionFields.Type(ref writer, "scheduleCancel"u8);
        if (Time is { } time)
        {
            writer.Key("time"u8);
            writer.Integer(time);
        }
        writer.EndMap();
    }
}
