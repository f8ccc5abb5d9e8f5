using HlScalper.Engine.Events;
using HlScalper.Engine.Ring;
using HlScalper.Engine.Strategy;

namespace HlScalper.Live.Engine;

/// <summary>The live engine's ring consumer: notes the event's wire receive time for tick-to-trade, then hands the event to the slot runner.</summary>
public readonly struct LiveEngineHandler(SlotRunner runner, TickContext context) : IEventHandler<MarketEvent>
{
    public SlotRunner Runner => runner;

    public void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch)
    {
        context.ReceiveTimestamp = data.ReceiveTimestamp;
        runner.OnEvent(ref data);
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
