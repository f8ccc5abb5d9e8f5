using HlScalper.Engine.Orders;

namespace HlScalper.Bench.Strategy;

/// <summary>Counts intents and keeps nothing: the order sink of benchmarks.</summary>
public sealed class CountingOrderSink : IOrderSink
{
    public long Count { get; private set; }

    public void Submit(in OrderIntent intent) => Count++;
}
