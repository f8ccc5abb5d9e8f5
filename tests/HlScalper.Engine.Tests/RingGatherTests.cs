using HlScalper.Engine.Ring;

namespace HlScalper.Engine.Tests;

/// <summary>The barrier's short-batch gather (<see cref="SequenceBarrier.WaitFor(long, int)"/>): it may hold a short batch back a
/// little, but never waits for events that are not coming.</summary>
public class RingGatherTests
{
    private static Sequencer NewSequencer(bool multiProducer, int size, IWaitStrategy wait) =>
        multiProducer ? new MultiProducerSequencer(size, wait) : new SingleProducerSequencer(size, wait);

    [TestCase(false)]
    [TestCase(true)]
    public void A_short_batch_is_returned_when_nothing_more_is_published(bool multiProducer)
    {
        var sequencer = NewSequencer(multiProducer, 64, new BusySpinWaitStrategy());
        sequencer.AddGatingSequences(new Sequence());
        var barrier = sequencer.NewBarrier();
        var s = sequencer.Next(2);
        sequencer.Publish(s - 1, s);
        // One thread: nothing can be published while the barrier gathers, so only its own bound can end the wait.
        Assert.That(barrier.WaitFor(0, 64), Is.EqualTo(1));
    }

    [Test]
    public void A_gather_over_several_producers_stops_at_the_first_unpublished_slot()
    {
        var sequencer = new MultiProducerSequencer(64, new BusySpinWaitStrategy());
        sequencer.AddGatingSequences(new Sequence());
        var barrier = sequencer.NewBarrier();
        var first = sequencer.Next();
        var second = sequencer.Next();
        var third = sequencer.Next();
        sequencer.Publish(first);
        sequencer.Publish(third);
        Assert.That(barrier.WaitFor(0, 64), Is.EqualTo(first), $"slot {second} is claimed but not published");
    }

    // Publishes the next event from inside the handler, once: when the batch ends, that event is ready without a wait and alone,
    // which is the short batch the processor gathers for. No one publishes after it.
    private struct RepublishingHandler(RingBuffer<RingTestEvent> ring, Sequencer sequencer, RecordingLog log) : IEventHandler<RingTestEvent>
    {
        public void OnEvent(ref RingTestEvent data, long sequence, bool endOfBatch)
        {
            log.Values[log.Count++] = data.Value;
            if (sequence != 0) return;
            var s = sequencer.Next();
            ring[s].Value = 7;
            sequencer.Publish(s);
        }

        public void OnBatchStart(long batchSize) => log.BatchStarts++;
        public void OnTimeout(long sequence) { }
        public void OnStart() { }
        public void OnShutdown() { }
    }

    [TestCase(false, RingPropertyTests.Wait.BusySpin)]
    [TestCase(false, RingPropertyTests.Wait.Yielding)]
    [TestCase(false, RingPropertyTests.Wait.Blocking)]
    [TestCase(true, RingPropertyTests.Wait.BusySpin)]
    [TestCase(true, RingPropertyTests.Wait.Sleeping)]
    public void An_event_published_while_the_consumer_is_busy_is_delivered_with_no_publish_after_it(bool multiProducer, RingPropertyTests.Wait wait)
    {
        var ring = new RingBuffer<RingTestEvent>(64);
        var sequencer = NewSequencer(multiProducer, 64, RingPropertyTests.Create(wait));
        var log = new RecordingLog(2);
        var processor = new BatchEventProcessor<RingTestEvent, RepublishingHandler>(ring, sequencer.NewBarrier(), new RepublishingHandler(ring, sequencer, log), name: "gather");
        sequencer.AddGatingSequences(processor.Sequence);
        processor.Start();
        var s = sequencer.Next();
        ring[s].Value = 3;
        sequencer.Publish(s);
        var delivered = SpinWait.SpinUntil(() => processor.Sequence.Value >= 1, TimeSpan.FromSeconds(10));
        processor.Halt();
        Assert.Multiple(() =>
        {
            Assert.That(delivered, Is.True, "the second event was held back with nothing more coming");
            Assert.That(log.Values[..log.Count], Is.EqualTo(new long[] { 3, 7 }));
            Assert.That(log.BatchStarts, Is.EqualTo(2), "two batches: the second event was published after the first batch began");
        });
    }
}
