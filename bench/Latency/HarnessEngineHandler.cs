using System.Diagnostics;
using HlScalper.Engine.Events;
using HlScalper.Engine.Metrics;
using HlScalper.Engine.Ring;
using HlScalper.Engine.Strategy;

namespace HlScalper.Bench.Latency;

/// <summary>The engine's handler as in production, with the tick context set before each event and wire → decision recorded after each book.</summary>
public readonly struct HarnessEngineHandler(SlotRunner runner, TickContext context, LatencyHistogram wireToDecision) : IEventHandler<MarketEvent>
{
    public void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch)
    {
        context.ReceiveTimestamp = data.ReceiveTimestamp;
        context.Tick = data.Kind == EventKind.Book ? context.TickOf(data.ExchangeTimeMs) : -1;
        runner.OnEvent(ref data);
        if (context.Tick < 0) return;
        if (context.IsMeasured(context.Tick)) wireToDecision.Record(data.ReceiveTimestamp, Stopwatch.GetTimestamp());
        Volatile.Write(ref context.LastTick, context.Tick);
    }

    public void OnBatchStart(long batchSize) { }

    public void OnTimeout(long sequence) { }

    public void OnStart() { }

    public void OnShutdown() { }
}
