using HlScalper.Engine.Events;
using HlScalper.Engine.Orders;
using HlScalper.Engine.Ring;
using HlScalper.Engine.Strategy;

namespace HlScalper.Live.Engine;

/// <summary>The live engine's ring consumer: notes the event's wire receive time for tick-to-trade, hands the event to the slot runner, and tells the order sender which orders ended.</summary>
/// <param name="orderDone">Told the cloid of every order update with a terminal status (the pre-signed sender's <c>Done</c>); null in a dry run.</param>
public readonly struct LiveEngineHandler(SlotRunner runner, TickContext context, Action<Cloid>? orderDone = null) : IEventHandler<MarketEvent>
{
    public SlotRunner Runner => runner;

    public void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch)
    {
        context.ReceiveTimestamp = data.ReceiveTimestamp;
        runner.OnEvent(ref data);
        if (orderDone is not null && data.Kind == EventKind.OrderUpdate && data.Status.IsTerminal() && !data.Cloid.IsEmpty) orderDone(data.Cloid);
    }

    public void OnBatchStart(long batchSize)
    {
    }

    public void OnTimeout(long sequence)
    {
    }

    public void OnStart()
    {
    }

    public void OnShutdown()
    {
    }
}
