using HlScalper.Engine.Ring;

namespace HlScalper.Engine.Tests;

/// <summary>After warm-up the ring allocates nothing on the producer thread nor on the consumer thread.</summary>
public class RingAllocationTests
{
    private sealed class AllocationProbe
    {
        public long AtWarmEnd = -1;
        public long AtEnd = -1;
        public long Seen;
    }

    private struct ProbeHandler(AllocationProbe probe, long warmUp, long total) : IEventHandler<RingTestEvent>
    {
        public void OnEvent(ref RingTestEvent data, long sequence, bool endOfBatch)
        {
            probe.Seen += data.Value;
            if (sequence == warmUp - 1) probe.AtWarmEnd = GC.GetAllocatedBytesForCurrentThread();
            if (sequence == total - 1) probe.AtEnd = GC.GetAllocatedBytesForCurrentThread();
        }

        public void OnBatchStart(long batchSize) { }
        public void OnTimeout(long sequence) { }
        public void OnStart() { }
        public void OnShutdown() { }
    }

    [TestCase(RingPropertyTests.Wait.Yielding)]
    [TestCase(RingPropertyTests.Wait.Blocking)]
    public void Publishing_and_consuming_100k_events_allocates_zero_bytes_on_both_threads(RingPropertyTests.Wait wait)
    {
        const int warmUp = 10_000, measured = 100_000, total = warmUp + measured;
        var ring = new RingBuffer<RingTestEvent>(1024);
        var sequencer = new SingleProducerSequencer(1024, RingPropertyTests.Create(wait));
        var probe = new AllocationProbe();
        var processor = new BatchEventProcessor<RingTestEvent, ProbeHandler>(ring, sequencer.NewBarrier(), new ProbeHandler(probe, warmUp, total));
        sequencer.AddGatingSequences(processor.Sequence);
        processor.Start();

        long producerBefore = 0;
        for (var i = 0; i < total; i++)
        {
            if (i == warmUp) producerBefore = GC.GetAllocatedBytesForCurrentThread();
            var s = sequencer.Next();
            ring[s].Value = 1;
            sequencer.Publish(s);
        }
        var producerAllocated = GC.GetAllocatedBytesForCurrentThread() - producerBefore;
        processor.WaitUntilConsumed(total - 1);
        processor.Halt();

        Assert.Multiple(() =>
        {
            Assert.That(probe.Seen, Is.EqualTo(total), "every event consumed");
            Assert.That(producerAllocated, Is.Zero, "producer thread");
            Assert.That(probe.AtEnd - probe.AtWarmEnd, Is.Zero, "consumer thread");
        });
    }
}
