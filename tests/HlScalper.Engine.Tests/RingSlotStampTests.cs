using System.Runtime.CompilerServices;
using HlScalper.Engine.Events;
using HlScalper.Engine.Ring;

namespace HlScalper.Engine.Tests;

/// <summary>Where a ring keeps its slots' publication stamps, and that a stamp says published only for the sequence it was given.</summary>
public class RingSlotStampTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(16)]
    [TestCase(1024)]
    public void No_slot_reads_published_before_its_first_publish_whatever_the_layout(int size)
    {
        var large = new RingBuffer<MarketEvent>(size).Stamps;
        var small = new RingBuffer<RingTestEvent>(size).Stamps;
        for (long s = 0; s < size; s++)
        {
            Assert.That(large.IsPublished(s), Is.False, $"inline stamp of {s}");
            Assert.That(small.IsPublished(s), Is.False, $"separate stamp of {s}");
        }
    }

    [Test]
    public void A_stamp_reads_published_for_the_sequence_it_was_given_and_for_no_other_lap_of_its_slot()
    {
        const int size = 8;
        var ring = new RingBuffer<MarketEvent>(size);
        var sequencer = new MultiProducerSequencer(ring.Stamps, new YieldingWaitStrategy());
        for (long s = 0; s < 3 * size; s++)
        {
            var claimed = sequencer.Next();
            Assert.That(claimed, Is.EqualTo(s));
            Assert.That(ring.Stamps.IsPublished(s), Is.False, "claimed, not yet published");
            ring[s].Value = s;
            sequencer.Publish(s);
            Assert.Multiple(() =>
            {
                Assert.That(ring.Stamps.IsPublished(s), Is.True);
                Assert.That(ring.Stamps.IsPublished(s - size), Is.False, "the slot's previous lap");
                Assert.That(ring.Stamps.IsPublished(s + size), Is.False, "the slot's next lap");
                Assert.That(ring[s].Value, Is.EqualTo(s), "the stamp's store did not land on the event");
                Assert.That(sequencer.GetHighestPublishedSequence(Math.Max(0, s - size + 1), s), Is.EqualTo(s), "every sequence of the last lap reads published");
            });
        }
    }

    [Test]
    public void A_range_published_at_once_reads_published_from_its_lowest_sequence_up()
    {
        var ring = new RingBuffer<MarketEvent>(16);
        var sequencer = new MultiProducerSequencer(ring.Stamps, new YieldingWaitStrategy());
        var high = sequencer.Next(5);
        Assert.That(sequencer.GetHighestPublishedSequence(0, high), Is.EqualTo(-1));
        sequencer.Publish(high - 4, high);
        Assert.That(sequencer.GetHighestPublishedSequence(0, high), Is.EqualTo(high));
    }

    [Test]
    public void A_large_event_s_stamp_opens_a_cache_line_that_also_holds_the_fields_a_consumer_reads_first()
    {
        // Several rings: where the allocator puts each array differs, the alignment must not.
        for (var r = 0; r < 8; r++)
        {
            var ring = new RingBuffer<MarketEvent>(64);
            for (long s = 0; s < 64; s++)
            {
                var stamp = Address(ref ring.Stamps.Stamp(s));
                ref var e = ref ring[s];
                Assert.That(stamp % 64, Is.EqualTo(0), $"ring {r}, slot {s}: the stamp is not at the start of a line");
                foreach (var (name, at) in new[]
                {
                    ("Kind", Address(ref e.Kind)), ("Coin", Address(ref e.Coin)), ("Value", Address(ref e.Value)),
                    ("ExchangeTimeMs", Address(ref e.ExchangeTimeMs)), ("Px", Address(ref e.Px)), ("Sz", Address(ref e.Sz)),
                })
                    Assert.That(at / 64, Is.EqualTo(stamp / 64), $"ring {r}, slot {s}: {name} is not on the stamp's line");
            }
        }
    }

    private struct LargeEventWithReference
    {
        public string Name;
        public long Value;
        public long A, B, C, D, E, F, G;
    }

    [Test]
    public void A_large_event_holding_a_reference_keeps_its_stamp_apart_from_its_fields_across_collections()
    {
        // Not pinnable, so not line-aligned, and laid out as the runtime likes: the slot's offsets must be measured.
        const int size = 16;
        var ring = new RingBuffer<LargeEventWithReference>(size);
        var sequencer = new MultiProducerSequencer(ring.Stamps, new YieldingWaitStrategy());
        for (long s = 0; s < 3 * size; s++)
        {
            var claimed = sequencer.Next();
            ref var e = ref ring[claimed];
            (e.Name, e.Value, e.G) = ($"event {claimed}", claimed, ~claimed);
            sequencer.Publish(claimed);
            if (s % 5 == 0) GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
        for (var s = 2L * size; s < 3 * size; s++)
            Assert.Multiple(() =>
            {
                Assert.That(ring.Stamps.IsPublished(s), Is.True);
                Assert.That(ring[s].Name, Is.EqualTo($"event {s}"));
                Assert.That(ring[s].Value, Is.EqualTo(s));
                Assert.That(ring[s].G, Is.EqualTo(~s));
            });
    }

    private static unsafe long Address<T>(ref T field) => (long)Unsafe.AsPointer(ref field);
}
