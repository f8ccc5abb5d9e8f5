using System.Diagnostics;
using HlScalper.Engine.Events;
using HlScalper.Engine.Metrics;
using HlScalper.Engine.Ring;
using HlScalper.Engine.Strategy;
using HlScalper.Gateway.Orders;

namespace HlScalper.Live.Pipeline;

/// <summary>
/// The live engine's ring consumer: notes the event's wire receive time for tick-to-trade, hands the event to the slot runner,
/// records wire → decision for books, keeps the order sender's list of working orders true (adopted orders in, ended
/// orders out) so a CancelAll cancels exactly what works, releases the cancels held while the order channel was down, and writes the
/// frames other threads queued for the order socket (the engine thread is its only writer) at the end of every batch.
/// </summary>
/// <param name="wireToDecision">Wire receive of a book → the strategy and risk are done with it (whether or not it led to an order).</param>
/// <param name="sender">The live order sender; null in a dry run.</param>
/// <param name="gate">Holds cancels while the order channel is down; null in a dry run.</param>
/// <param name="channel">The order socket whose other writers queue for this thread; null in a dry run.</param>
/// <param name="stages">Measured stages (the latency harness): each event's start on this thread is stamped; null in a live run.</param>
public readonly struct LiveEngineHandler(SlotRunner runner, TickContext context, LatencyHistogram wireToDecision, OrderSender<RingEventSink>? sender = null,
    OrderChannelGate? gate = null, WebSocketOrderChannel? channel = null, Latency.PipelineStages? stages = null)
    : IEventHandler<MarketEvent>
{
    public SlotRunner Runner => runner;

    public void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch)
    {
        context.ReceiveTimestamp = data.ReceiveTimestamp;
        context.ExchangeTimeMs = data.ExchangeTimeMs;
        if (stages is not null) StampHandled(ref data);
        // Before the runner: the held cancels go out ahead of anything this event makes it decide.
        if (data.Kind == EventKind.Control && data.Control == ControlCode.OrderChannelUp) gate?.Flush();
        runner.OnEvent(ref data);
        // A ControlCode.SendQueued wake ends its batch too: one place flushes for both.
        if (endOfBatch) channel?.FlushQueued();
        if (data.Kind == EventKind.Book)
        {
            if (context.IsMeasured) wireToDecision.Record(data.ReceiveTimestamp, Stopwatch.GetTimestamp());
            Volatile.Write(ref context.LastBookExchangeMs, data.ExchangeTimeMs);
        }
        if (sender is null || data.Kind != EventKind.OrderUpdate || data.Cloid.IsEmpty || data.Coin != runner.Coin) return;
        if (data.Status.IsTerminal()) sender.Done(data.Cloid);
        else if ((data.Flags & EventFlags.Snapshot) != 0) sender.Track(data.Coin, data.Cloid, data.Side);
    }

    private void StampHandled(ref MarketEvent data)
    {
        context.HandledTimestamp = Stopwatch.GetTimestamp();
        if (data.Kind == EventKind.Book && context.IsMeasured) stages!.WireToEngine.Record(data.ReceiveTimestamp, context.HandledTimestamp);
    }

    public void OnBatchStart(long batchSize)
    {
    }

    public void OnTimeout(long sequence)
    {
    }

    public void OnStart()
    {
    }

    public void OnShutdown()
    {
    }
}
