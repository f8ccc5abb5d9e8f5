using HlScalper.Engine.Alarms;
using HlScalper.Engine.Orders;

namespace HlScalper.Testing;

/// <summary>Keeps every intent the engine sends, in order.</summary>
public sealed class RecordingOrderSink : IOrderSink
{
    public List<OrderIntent> Intents { get; } = [];

    public void Submit(in OrderIntent intent) => Intents.Add(intent);

    public IEnumerable<OrderIntent> Places => Intents.Where(i => i.Kind == IntentKind.Place);

    public IEnumerable<OrderIntent> Cancels => Intents.Where(i => i.Kind != IntentKind.Place);

    public OrderIntent Last => Intents[^1];

    public void Clear() => Intents.Clear();
}

/// <summary>Keeps every alarm raised.</summary>
public sealed class RecordingAlarmSink : IAlarmSink
{
    public List<Alarm> Alarms { get; } = [];

    public void Raise(in Alarm alarm) => Alarms.Add(alarm);
}
