using HlScalper.Engine.Orders;

namespace HlScalper.Live.Pipeline;

/// <summary>The <c>--dry-run</c> order sink: sends nothing, queues each intent so a side thread can answer it as the exchange would (rest, cancel) and the strategy keeps deciding.</summary>
public sealed class DryRunOrderSink(IntentQueue answers, TimeProvider clock) : IOrderSink
{
    public void Submit(in OrderIntent intent) => answers.Enqueue(in intent, clock.GetUtcNow().ToUnixTimeMilliseconds());
}
