using System.Diagnostics;
using HlScalper.Gateway.Orders;
using HlScalper.Live.Pipeline;

namespace HlScalper.Live.Latency;

/// <summary>The order socket as the sender sees it when <see cref="PipelineStages"/> are measured: notes when each signed frame is handed to the write.</summary>
public sealed class StampingFrameSink(IFrameSink inner, TickContext context) : IFrameSink
{
    public void Send(ReadOnlySpan<byte> frame)
    {
        context.SignedTimestamp = Stopwatch.GetTimestamp();
        inner.Send(frame);
    }
}
