using CsCheck;
using HlScalper.Engine.Ring;

namespace HlScalper.Engine.Tests;

/// <summary>The ring never loses, duplicates or reorders events, for every shape, wait strategy and batch size, on real threads.</summary>
public class RingPropertyTests
{
    public enum Shape { Pipeline, FanOut }

    public enum Wait { BusySpin, Yielding, Sleeping, Blocking }

    internal static IWaitStrategy Create(Wait wait) => wait switch
    {
        Wait.BusySpin => new BusySpinWaitStrategy(),
        Wait.Yielding => new YieldingWaitStrategy(),
        Wait.Sleeping => new SleepingWaitStrategy(),
        _ => new BlockingWaitStrategy(TimeSpan.FromMilliseconds(50)),
    };

    private static readonly Gen<(int consumers, Shape shape, Wait wait, int ringSize, int[] batches)> Cases =
        Gen.Select(
            Gen.Int[1, 3],
            Gen.Enum<Shape>(),
            Gen.Enum<Wait>(),
            Gen.Int[2, 6].Select(p => 1 << p),
            Gen.Int[1, 8].Array[20, 120]);

    [Test]
    public void Single_producer_every_consumer_sees_every_event_once_in_order()
    {
        Cases.Sample(c =>
        {
            // Keep busy-spin cases short: on 2 cores four spinning threads progress only at time-slice pace.
            var batches = c.wait == Wait.BusySpin ? c.batches[..Math.Min(c.batches.Length, 40)] : c.batches;
            var total = batches.Sum(b => Math.Min(b, c.ringSize));
            var result = RunSingleProducer(c.consumers, c.shape, Create(c.wait), c.ringSize, batches);
            for (var k = 0; k < c.consumers; k++)
            {
                var log = result[k];
                if (log.Count != total) return false;
                if (log.StageViolations != 0) return false;
                for (var i = 0; i < total; i++)
                    if (log.Values[i] != i) return false;
            }
            return true;
        }, iter: 60, threads: 1);
    }

    [Test]
    public void Two_producers_on_the_multi_producer_sequencer_lose_and_duplicate_nothing()
    {
        Gen.Select(Gen.Enum<Wait>(), Gen.Int[2, 6].Select(p => 1 << p), Gen.Int[1, 4], Gen.Int[200, 3000]).Sample(c =>
        {
            var (wait, ringSize, batch, perProducer) = c;
            if (wait == Wait.BusySpin) perProducer = Math.Min(perProducer, 600);
            var log = RunTwoProducers(Create(wait), ringSize, batch, perProducer);
            if (log.Count != 2 * perProducer || log.StageViolations != 0) return false;
            // Each producer's own events arrive complete and in its order, interleaved arbitrarily.
            var next = new long[2];
            for (var i = 0; i < log.Count; i++)
            {
                var p = log.Producers[i];
                if (log.Values[i] != next[p]) return false;
                next[p]++;
            }
            return next[0] == perProducer && next[1] == perProducer;
        }, iter: 30, threads: 1);
    }

    internal static RecordingLog[] RunSingleProducer(int consumers, Shape shape, IWaitStrategy wait, int ringSize, int[] batches)
    {
        var ring = new RingBuffer<RingTestEvent>(ringSize);
        var sequencer = new SingleProducerSequencer(ringSize, wait);
        var total = batches.Sum(b => Math.Min(b, ringSize));
        var logs = new RecordingLog[consumers];
        var processors = new BatchEventProcessor<RingTestEvent, RecordingHandler>[consumers];
        Sequence? upstream = null;
        for (var k = 0; k < consumers; k++)
        {
            logs[k] = new RecordingLog(total);
            var pipeline = shape == Shape.Pipeline;
            // In fan-out every second consumer waits its own way, as the live engine's logger sleeps beside the spinning engine.
            var barrier = pipeline && upstream is not null ? sequencer.NewBarrier(upstream)
                : !pipeline && k % 2 == 1 ? sequencer.NewBarrier(new SleepingWaitStrategy())
                : sequencer.NewBarrier();
            // In fan-out every consumer reads the producer's mark (0) and leaves the shared event alone.
            processors[k] = new(ring, barrier, new RecordingHandler(logs[k], pipeline ? k + 1 : 1, pipeline), name: $"consumer-{k}");
            upstream = processors[k].Sequence;
        }
        sequencer.AddGatingSequences(shape == Shape.Pipeline ? [processors[^1].Sequence] : processors.Select(p => p.Sequence).ToArray());
        foreach (var p in processors) p.Start();

        long value = 0;
        foreach (var requested in batches)
        {
            var n = Math.Min(requested, ringSize);
            var hi = sequencer.Next(n);
            for (var s = hi - n + 1; s <= hi; s++)
            {
                ref var e = ref ring[s];
                e.Value = value++;
                e.Producer = 0;
                e.Stage = 0;
            }
            sequencer.Publish(hi - n + 1, hi);
        }
        foreach (var p in processors) p.WaitUntilConsumed(total - 1);
        foreach (var p in processors) p.Halt();
        return logs;
    }

    private static RecordingLog RunTwoProducers(IWaitStrategy wait, int ringSize, int batch, int perProducer)
    {
        var ring = new RingBuffer<RingTestEvent>(ringSize);
        var sequencer = new MultiProducerSequencer(ring.Stamps, wait);
        var log = new RecordingLog(2 * perProducer);
        var processor = new BatchEventProcessor<RingTestEvent, RecordingHandler>(ring, sequencer.NewBarrier(), new RecordingHandler(log, 1));
        sequencer.AddGatingSequences(processor.Sequence);
        processor.Start();
        var producers = Enumerable.Range(0, 2).Select(id => new Thread(() =>
        {
            long value = 0;
            while (value < perProducer)
            {
                var n = (int)Math.Min(batch, perProducer - value);
                var hi = sequencer.Next(n);
                for (var s = hi - n + 1; s <= hi; s++)
                {
                    ref var e = ref ring[s];
                    e.Value = value++;
                    e.Producer = id;
                    e.Stage = 0;
                }
                sequencer.Publish(hi - n + 1, hi);
            }
        }) { Name = $"producer-{id}" }).ToArray();
        foreach (var t in producers) t.Start();
        foreach (var t in producers) t.Join();
        processor.WaitUntilConsumed(2L * perProducer - 1);
        processor.Halt();
        return log;
    }
}
