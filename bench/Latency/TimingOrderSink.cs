using System.Diagnostics;
using HlScalper.Engine.Metrics;
using HlScalper.Engine.Orders;

namespace HlScalper.Bench.Latency;

/// <summary>Wraps the order path: notes which tick caused each order, hands it on, and records wire → order-written latency once the bytes are with the socket.</summary>
public sealed class TimingOrderSink(IOrderSink inner, TickContext context, LatencyHistogram wireToOrder) : IOrderSink
{
    public void Submit(in OrderIntent intent)
    {
        var n = context.Orders;
        if (n < context.OrderTicks.Length)
        {
            // Before the send: the receiver may see the frame before Submit returns.
            Volatile.Write(ref context.OrderTicks[n], context.Tick);
            context.Orders = n + 1;
        }
        inner.Submit(in intent);
        if (context.Tick >= 0 && context.IsMeasured(context.Tick)) wireToOrder.Record(context.ReceiveTimestamp, Stopwatch.GetTimestamp());
    }
}
