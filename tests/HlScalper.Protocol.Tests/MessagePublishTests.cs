using System.Text;
using HlScalper.Engine.Events;
using HlScalper.Engine.Ring;
using HlScalper.Protocol.Codec;

namespace HlScalper.Protocol.Tests;

/// <summary>
/// The codec publishes the events of one message as one range (one <c>Next(n)</c>, one <c>Publish(lo, hi)</c>): a consumer running
/// beside it on a real ring never finds the end of what is available in the middle of a message, even with a second producer
/// publishing between messages.
/// </summary>
/// <remarks>Each trade's id says which message it belongs to, how many trades that message has and its place in it:
/// <c>tid = (message × 100 + count) × 100 + index</c>.</remarks>
[CancelAfter(60_000)]
public class MessagePublishTests
{
    private const int RingSize = 64;

    [TestCase("multi")]
    [TestCase("single")]
    public void A_running_consumer_sees_every_trades_message_whole_and_in_one_piece(string producers)
    {
        const int messages = 3_000;
        var ring = new RingBuffer<MarketEvent>(RingSize);
        Sequencer sequencer = producers == "multi"
            ? new MultiProducerSequencer(ring.Stamps, new YieldingWaitStrategy())
            : new SingleProducerSequencer(RingSize, new YieldingWaitStrategy());
        var seen = new MessageLog();
        var consumer = StartConsumer(ring, sequencer, seen);

        var sink = new RingEventSink(ring, sequencer);
        var codec = new HlCodec(new CoinTable("BTC"));
        // On the multi-producer ring a second thread publishes single control events meanwhile, as the live timer and replies do.
        using var stop = new CancellationTokenSource();
        var other = producers == "multi" ? Task.Run(() => PublishControls(ring, sequencer, stop.Token)) : Task.CompletedTask;
        var events = 0L;
        for (var m = 0; m < messages; m++)
        {
            var count = m % 40 + 1;
            Assert.That(codec.Parse(Trades(m, count), ref sink, 1), Is.EqualTo(HlMessageKind.Trades));
            events += count;
        }
        stop.Cancel();
        other.Wait();
        consumer.WaitUntilConsumed(sequencer.Cursor.Value);
        consumer.Halt();

        TestContext.Progress.WriteLine($"{producers}: {seen.Batches} batches, {seen.Trades} trades, {seen.Controls} controls");
        Assert.Multiple(() =>
        {
            Assert.That(consumer.Fault, Is.Null);
            Assert.That(seen.Trades, Is.EqualTo(events), "every trade was seen");
            Assert.That(sink.Published, Is.EqualTo(events), "the sink counts what it made visible");
            Assert.That(seen.OutOfPlace, Is.Zero, "each trade right after the one before it in its message (no other event between)");
            Assert.That(seen.EndedMidMessage, Is.Zero, "no batch ended inside a message");
            Assert.That(seen.Batches, Is.GreaterThan(100), "the consumer ran beside the producer (many batches), or the test proves nothing");
        });
    }

    /// <summary>A consumer on its own thread that logs where its batches end, gating the ring.</summary>
    private static BatchEventProcessor<MarketEvent, MessageEndHandler> StartConsumer(RingBuffer<MarketEvent> ring, Sequencer sequencer, MessageLog seen)
    {
        var consumer = new BatchEventProcessor<MarketEvent, MessageEndHandler>(ring, sequencer.NewBarrier(), new MessageEndHandler(seen), name: "consumer");
        sequencer.AddGatingSequences(consumer.Sequence);
        consumer.Start();
        return consumer;
    }

    [Test]
    public void A_message_larger_than_the_ring_goes_in_ring_sized_ranges_in_order()
    {
        var ring = new RingBuffer<MarketEvent>(RingSize);
        var sequencer = new MultiProducerSequencer(ring.Stamps, new YieldingWaitStrategy());
        var seen = new MessageLog();
        var consumer = StartConsumer(ring, sequencer, seen);
        var sink = new RingEventSink(ring, sequencer);
        var codec = new HlCodec(new CoinTable("BTC"));

        const int count = 99;
        Assert.That(count, Is.GreaterThan(RingSize));
        Assert.That(codec.Parse(Trades(1, count), ref sink, 1), Is.EqualTo(HlMessageKind.Trades));
        Assert.That(codec.Parse(Trades(2, 3), ref sink, 1), Is.EqualTo(HlMessageKind.Trades));
        consumer.WaitUntilConsumed(sequencer.Cursor.Value);
        consumer.Halt();

        Assert.Multiple(() =>
        {
            Assert.That(seen.Trades, Is.EqualTo(count + 3));
            Assert.That(sequencer.Cursor.Value, Is.EqualTo(count + 3 - 1), "no slot claimed and left unpublished");
            Assert.That(seen.OutOfPlace, Is.Zero, "in order");
            Assert.That(sink.Published, Is.EqualTo(count + 3));
        });
    }

    private static void PublishControls(RingBuffer<MarketEvent> ring, Sequencer sequencer, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var s = sequencer.Next();
            ring[s].Reset(EventKind.Control, 0, 1);
            ring[s].Control = ControlCode.SendQueued;
            sequencer.Publish(s);
            Thread.Yield();
        }
    }

    private static byte[] Trades(int message, int count)
    {
        var json = new StringBuilder("""{"channel":"trades","data":[""");
        for (var i = 0; i < count; i++)
        {
            if (i > 0) json.Append(',');
            json.Append($$$"""{"coin":"BTC","side":"{{{(i % 2 == 0 ? "B" : "A")}}}","px":"83770.0","sz":"0.01","time":1790358604045,"hash":"0x00","tid":{{{((long)message * 100 + count) * 100 + i}}},"users":["0x10d944a35f99c141b9121ec3693000531825bef8","0x1a2e6afa298b1cc50939b4b2b0b430e3c1ef3459"]}""");
        }
        return Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }

    /// <summary>What the consumer saw (written by its thread, read after it halted).</summary>
    private sealed class MessageLog
    {
        public long Trades;
        public long Controls;
        public long Batches;
        public long EndedMidMessage;
        public long OutOfPlace;
        public long LastTid = -1;
    }

    private readonly struct MessageEndHandler(MessageLog log) : IEventHandler<MarketEvent>
    {
        public void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch)
        {
            if (data.Kind == EventKind.Control)
            {
                log.Controls++;
                // A trade message left half-way would show as a control right after a trade that is not its message's last.
                if (log.LastTid >= 0 && !IsLast(log.LastTid)) log.OutOfPlace++;
                log.LastTid = -1;
                return;
            }
            log.Trades++;
            var index = data.Tid % 100;
            // The trade before it, in the ring: the one before it in the same message, or the last of another message.
            var expected = index == 0 ? log.LastTid < 0 || IsLast(log.LastTid) : log.LastTid == data.Tid - 1;
            if (!expected) log.OutOfPlace++;
            log.LastTid = data.Tid;
            if (endOfBatch && !IsLast(data.Tid)) log.EndedMidMessage++;
        }

        /// <summary>True for the last trade of its message, or for one of a message larger than the ring at a range's end.</summary>
        private static bool IsLast(long tid) => tid % 100 == tid / 100 % 100 - 1 || (tid / 100 % 100 > RingSize && (tid % 100 + 1) % RingSize == 0);

        public void OnBatchStart(long batchSize) => log.Batches++;

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
}
