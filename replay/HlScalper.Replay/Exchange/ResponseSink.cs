using HlScalper.Engine.Events;

namespace HlScalper.Replay.Exchange;

/// <summary>Where one exchange action writes its answers when responses are delayed: into the <see cref="ResponseQueue"/>, all due at one drawn time.</summary>
/// <remarks>The delay is drawn at the first answer, so actions that answer nothing draw nothing and the draws stay in answer order.</remarks>
internal struct ResponseSink(ResponseQueue queue, SimExchange exchange, long actionMs) : IMarketEventSink
{
    private long _dueMs = long.MinValue;

    public ref MarketEvent Claim() => ref queue.Claim();

    public void Publish()
    {
        if (_dueMs == long.MinValue) _dueMs = actionMs + exchange.NextResponseDelayMs();
        queue.Publish(_dueMs);
    }
}
