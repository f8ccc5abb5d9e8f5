using System.Diagnostics;
using HlScalper.Engine.Metrics;
using HlScalper.Engine.Orders;

namespace HlScalper.Live.Pipeline;

/// <summary>
/// Wraps the live order path: hands each intent on, records tick-to-trade (wire receive of the causing event → order frame
/// written) and queues the intent for the log thread. Engine thread only; allocation-free. Once <see cref="Fence"/>d (the watchdog
/// declared the engine dead) it passes nothing on: an engine thread that wakes up from a stall must not trade on a stale view.
/// </summary>
/// <param name="tap">Sees every intent after it was sent, on the engine thread (the latency harness maps orders to ticks with it); null in a live run.</param>
/// <param name="stages">Where the order's stages go when they are measured (the latency harness); null in a live run.</param>
public sealed class TimedOrderSink(IOrderSink inner, TickContext context, LatencyHistogram tickToTrade, IntentQueue log, TimeProvider clock, IOrderSink? tap = null,
    Latency.PipelineStages? stages = null) : IOrderSink
{
    private volatile bool _fenced;
    private long _dropped;

    /// <summary>Intents dropped after the fence.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>From now on nothing reaches the order path. Any thread.</summary>
    public void Fence() => _fenced = true;

    public void Submit(in OrderIntent intent)
    {
        if (_fenced)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }
        // The round trip starts before the write: a stamp taken after it can be later than the answer when this thread is
        // descheduled between the two (seen on a loaded 2-core machine: 17 ms), which would make an order acked before it left.
        var decided = Stopwatch.GetTimestamp();
        inner.Submit(in intent);
        var written = Stopwatch.GetTimestamp();
        if (context.IsMeasured)
        {
            tickToTrade.Record(context.ReceiveTimestamp, written);
            stages?.RecordOrder(context, decided, written);
        }
        log.Enqueue(in intent, clock.GetUtcNow().ToUnixTimeMilliseconds(), decided);
        tap?.Submit(in intent);
    }
}
