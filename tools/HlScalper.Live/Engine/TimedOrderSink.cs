using System.Diagnostics;
using HlScalper.Engine.Metrics;
using HlScalper.Engine.Orders;

namespace HlScalper.Live.Engine;

/// <summary>
/// Wraps the live order path: hands each intent on, records tick-to-trade (wire receive of the causing event → order frame
/// written) and queues the intent for the log thread. Engine thread only; allocation-free.
/// </summary>
public sealed class TimedOrderSink(IOrderSink inner, TickContext context, LatencyHistogram tickToTrade, IntentQueue log, TimeProvider clock) : IOrderSink
{
    public void Submit(in OrderIntent intent)
    {
        inner.Submit(in intent);
        var received = context.ReceiveTimestamp;
        if (received != 0) tickToTrade.Record(received, Stopwatch.GetTimestamp());
        log.Enqueue(in intent, clock.GetUtcNow().ToUnixTimeMilliseconds());
    }
}
