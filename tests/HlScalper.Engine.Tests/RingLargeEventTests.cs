using HlScalper.Engine.Events;
using HlScalper.Engine.Ring;

namespace HlScalper.Engine.Tests;

/// <summary>The ring with the engine's own 1,080-byte event, whose consumer takes the prefetching path that 16-byte test events never do.</summary>
public class RingLargeEventTests
{
    private struct SumAndOrder(long[] state) : IEventHandler<MarketEvent>
    {
        // state[0]: sum of values; state[1]: events seen out of order; state[2]: the next expected value; state[3]: batches of 9 or more.
        public void OnEvent(ref MarketEvent data, long sequence, bool endOfBatch)
        {
            if (data.Value != state[2] || data.Value != sequence) state[1]++;
            state[0] += data.Value;
            state[2] = data.Value + 1;
        }

        public void OnBatchStart(long batchSize)
        {
            if (batchSize > 8) state[3]++;
        }

        public void OnTimeout(long sequence) { }
        public void OnStart() { }
        public void OnShutdown() { }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Bursts_of_large_events_arrive_whole_and_in_order_across_many_wraps(bool multiProducer)
    {
        const int size = 64, bursts = 200;
        var ring = new RingBuffer<MarketEvent>(size);
        // Several producers publish by the stamps in front of each large event; one publishes by the cursor.
        Sequencer sequencer = multiProducer
            ? new MultiProducerSequencer(ring.Stamps, new YieldingWaitStrategy())
            : new SingleProducerSequencer(size, new YieldingWaitStrategy());
        var state = new long[4];
        var processor = new BatchEventProcessor<MarketEvent, SumAndOrder>(ring, sequencer.NewBarrier(), new SumAndOrder(state), name: "large");
        sequencer.AddGatingSequences(processor.Sequence);
        processor.Start();
        long high = -1, expectedSum = 0;
        for (var b = 0; b < bursts; b++)
        {
            // A burst of up to the whole ring, published at once, so the consumer sees long batches (where it prefetches).
            var n = 1 + b * 7 % size;
            high = sequencer.Next(n);
            for (var s = high - n + 1; s <= high; s++)
            {
                ring[s].Value = s;
                expectedSum += s;
            }
            sequencer.Publish(high - n + 1, high);
        }
        processor.WaitUntilConsumed(high);
        processor.Halt();
        Assert.Multiple(() =>
        {
            Assert.That(state[1], Is.EqualTo(0), "events out of order or not the ones published");
            Assert.That(state[0], Is.EqualTo(expectedSum));
            Assert.That(state[2], Is.EqualTo(high + 1));
            Assert.That(state[3], Is.GreaterThan(0), "no batch was long enough to prefetch: the test did not reach the path it is for");
        });
    }
}
