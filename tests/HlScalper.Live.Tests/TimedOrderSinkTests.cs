using System.Diagnostics;
using HlScalper.Engine.Metrics;
using HlScalper.Engine.Orders;
using HlScalper.Live.Pipeline;

namespace HlScalper.Live.Tests;

/// <summary>The timing sink's stamps: the order round trip starts before the frame is written, so no answer can precede it.</summary>
public class TimedOrderSinkTests
{
    /// <summary>Stands for the socket write: notes when it started and when it returned, and returns only once the clock has moved a
    /// millisecond past its start, as a write whose thread is descheduled before the caller's next stamp (a reply read on another
    /// thread may carry any time after it). The millisecond is far beyond the histogram's rounding, so a stamp taken before the
    /// return cannot pass for one taken after it.</summary>
    private sealed class SlowWrite : IOrderSink
    {
        public long WrittenAt;
        public long ReturnedAt;

        public void Submit(in OrderIntent intent)
        {
            WrittenAt = Stopwatch.GetTimestamp();
            var until = WrittenAt + Stopwatch.Frequency / 1000;
            while ((ReturnedAt = Stopwatch.GetTimestamp()) < until) Thread.SpinWait(1);
        }
    }

    [Test]
    public void The_queued_send_time_is_taken_before_the_write_and_tick_to_trade_ends_after_it()
    {
        var write = new SlowWrite();
        var context = new TickContext { ReceiveTimestamp = Stopwatch.GetTimestamp() };
        var tickToTrade = new LatencyHistogram("tick-to-trade");
        var queue = new IntentQueue();
        var sink = new TimedOrderSink(write, context, tickToTrade, queue, TimeProvider.System);

        sink.Submit(new OrderIntent { Kind = IntentKind.Place, Cloid = new Cloid(1, 2) });

        Assert.That(queue.TryDequeue(out var queued), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(queued.SentTimestamp, Is.Not.Zero);
            Assert.That(queued.SentTimestamp, Is.LessThanOrEqualTo(write.WrittenAt), "an answer read right after the write is never earlier than the send");
            Assert.That(tickToTrade.Count, Is.EqualTo(1));
            Assert.That(tickToTrade.MaxMicros, Is.GreaterThanOrEqualTo(Math.Floor((write.ReturnedAt - context.ReceiveTimestamp) * (1e9 / Stopwatch.Frequency)) / 1000),
                "tick-to-trade runs from the receive stamp to the write's return, by the stamps themselves");
        });
    }
}
