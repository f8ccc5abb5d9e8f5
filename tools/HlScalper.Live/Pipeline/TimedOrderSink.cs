using System.Diagnostics;
using HlScalper.Engine.Metrics;
using HlScalper.Engine.Orders;

namespace HlScalper.Live.Pipeline;

/// <summary>
/// Wraps the live order path: hands each intent on, records tick-to-trade (wire receive of the causing event → order frame
/// written) and queues the intent for the log thread. Engine thread only; allocation-free.
/// </summary>
/// <param name="tap">Sees every intent after it was sent, on the engine thread (the latency harness maps orders to ticks with it); null in a live run.</param>
public sealed class TimedOrderSink(IOrderSink inner, TickContext context, LatencyHistogram tickToTrade, IntentQueue log, TimeProvider clock, IOrderSink? tap = null) : IOrderSink
{
    public void Submit(in OrderIntent intent)
    {
        inner.Submit(in intent);
        var sent = Stopwatch.GetTimestamp();
        if (context.IsMeasured) tickToTrade.Record(context.ReceiveTimestamp, sent);
        log.Enqueue(in intent, clock.GetUtcNow().ToUnixTimeMilliseconds(), sent);
        tap?.Submit(in intent);
    }
}
