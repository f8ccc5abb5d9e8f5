using HlScalper.Engine.Events;
using HlScalper.Engine.Ring;

namespace HlScalper.Engine.Tests;

/// <summary>After warm-up the ring allocates nothing on the producer thread nor on the consumer thread; a ring that is not line-aligned stays off the pinned heap.</summary>
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

    [Test]
    public void A_ring_that_is_not_line_aligned_comes_from_the_ordinary_heap_and_sets_off_no_gen2_collection()
    {
        // 1,000 rings of 16 1,080-byte events, 18 MB: past the large-object budget when pinned, gen-0 garbage when not.
        const int rings = 1_000;
        var before = GC.CollectionCount(2);
        for (var i = 0; i < rings; i++) GC.KeepAlive(new RingBuffer<MarketEvent>(16));
        var pinned = GC.CollectionCount(2) - before;
        Assume.That(pinned, Is.GreaterThan(0), "this GC took 18 MB of pinned rings without a gen-2 collection: the heaps cannot be told apart by it here");

        // From a clean heap, so no budget the pinned rings ran down is charged to the unaligned ones.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        before = GC.CollectionCount(2);
        for (var i = 0; i < rings; i++) GC.KeepAlive(new RingBuffer<MarketEvent>(16, lineAligned: false));
        Assert.That(GC.CollectionCount(2) - before, Is.Zero, $"{pinned} gen-2 collections for the pinned rings");
    }

    [Test]
    public void A_ring_that_is_not_line_aligned_keeps_its_events_and_stamps_when_the_collector_moves_it()
    {
        const int size = 16;
        var ring = new RingBuffer<MarketEvent>(size, lineAligned: false);
        var sequencer = new MultiProducerSequencer(ring.Stamps, new YieldingWaitStrategy());
        for (long s = 0; s < 3 * size; s++)
        {
            var claimed = sequencer.Next();
            ring[claimed].Value = claimed;
            ring[claimed].Bids[19].Count = (int)claimed;
            sequencer.Publish(claimed);
            if (s % 5 == 0) GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
        for (var s = 2L * size; s < 3 * size; s++)
            Assert.Multiple(() =>
            {
                Assert.That(ring.Stamps.IsPublished(s), Is.True);
                Assert.That(ring.Stamps.IsPublished(s - size), Is.False);
                Assert.That(ring[s].Value, Is.EqualTo(s));
                Assert.That(ring[s].Bids[19].Count, Is.EqualTo(s));
            });
    }
}
