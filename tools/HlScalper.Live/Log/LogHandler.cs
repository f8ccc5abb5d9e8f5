using HlScalper.Engine.Events;
using HlScalper.Engine.Ring;

namespace HlScalper.Live.Log;

/// <summary>The ring's second consumer: hands every event to the <see cref="OrderLogger"/> on its own thread, beside the engine, never in its way.</summary>
public readonly struct LogHandler(OrderLogger logger) : IEventHandler<MarketEvent>
{
    public void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch) => logger.OnEvent(ref data);

    public void OnBatchStart(long batchSize)
    {
    }

    public void OnTimeout(long sequence) => logger.Drain();

    public void OnStart()
    {
    }

    public void OnShutdown() => logger.Drain();
}
