using HlScalper.Engine.Ring;

namespace HlScalper.Engine.Tests;

/// <summary>Ring behaviours that are not about ordering: exception policies, timeouts, halting, capacity, affinity.</summary>
public class RingBehaviourTests
{
    private struct ThrowingHandler(RecordingLog log, long throwAt) : IEventHandler<RingTestEvent>
    {
        public void OnEvent(ref RingTestEvent data, long sequence, bool endOfBatch)
        {
            if (data.Value == throwAt) throw new InvalidOperationException("boom at " + throwAt);
            log.Values[log.Count++] = data.Value;
        }

        public void OnBatchStart(long batchSize) { }
        public void OnTimeout(long sequence) { }
        public void OnStart() { }
        public void OnShutdown() { }
    }

    private static (BatchEventProcessor<RingTestEvent, ThrowingHandler>, RecordingLog) RunThrowing(IExceptionHandler policy, int events, long throwAt)
    {
        var ring = new RingBuffer<RingTestEvent>(16);
        var sequencer = new SingleProducerSequencer(16, new YieldingWaitStrategy());
        var log = new RecordingLog(events);
        var processor = new BatchEventProcessor<RingTestEvent, ThrowingHandler>(ring, sequencer.NewBarrier(), new ThrowingHandler(log, throwAt), policy, "throwing");
        sequencer.AddGatingSequences(processor.Sequence);
        processor.Start();
        for (var i = 0; i < events; i++)
        {
            if (!sequencer.TryNext(1, out var s)) break; // a halted consumer leaves the ring full: stop producing
            ring[s].Value = i;
            sequencer.Publish(s);
        }
        processor.WaitUntilConsumed(events - 1);
        processor.Halt();
        return (processor, log);
    }

    [Test]
    public void Log_and_continue_skips_only_the_failing_event_and_reports_it()
    {
        var messages = new List<string>();
        var policy = LoggingExceptionHandler.LogAndContinue(m => { lock (messages) messages.Add(m); });
        var (processor, log) = RunThrowing(policy, 10, 4);
        Assert.Multiple(() =>
        {
            Assert.That(log.Values[..log.Count], Is.EqualTo(new long[] { 0, 1, 2, 3, 5, 6, 7, 8, 9 }));
            Assert.That(policy.Count, Is.EqualTo(1));
            Assert.That(messages.Single(), Does.Contain("sequence 4").And.Contain("boom at 4"));
            Assert.That(processor.Fault, Is.Null);
        });
    }

    [Test]
    public void Log_and_halt_stops_the_processor_and_keeps_the_fault()
    {
        var messages = new List<string>();
        var (processor, log) = RunThrowing(LoggingExceptionHandler.LogAndHalt(m => { lock (messages) messages.Add(m); }), 10, 4);
        Assert.Multiple(() =>
        {
            Assert.That(log.Values[..log.Count], Is.EqualTo(new long[] { 0, 1, 2, 3 }));
            Assert.That(processor.Fault, Is.TypeOf<InvalidOperationException>());
            Assert.That(processor.IsRunning, Is.False);
            Assert.That(messages.Single(), Does.Contain("halting"));
        });
    }

    [Test]
    public void Log_and_halt_leaves_the_failed_event_unconsumed()
    {
        var (processor, log) = RunThrowing(LoggingExceptionHandler.LogAndHalt(_ => { }), 10, 4);
        Assert.Multiple(() =>
        {
            Assert.That(log.Count, Is.EqualTo(4), "events 0..3 were handled");
            Assert.That(processor.Sequence.Value, Is.EqualTo(3), "released up to the event before the failed one, not the failed one");
        });
    }

    // All events published before the processor starts, so it takes them as one batch and the failure is in its middle:
    // the processor must report the sequence in the handler's hands, not the batch's first or last.
    private static (BatchEventProcessor<RingTestEvent, ThrowingHandler>, RecordingLog) RunThrowingInOneBatch(IExceptionHandler policy, int events, long throwAt)
    {
        var ring = new RingBuffer<RingTestEvent>(16);
        var sequencer = new SingleProducerSequencer(16, new YieldingWaitStrategy());
        var log = new RecordingLog(events);
        var processor = new BatchEventProcessor<RingTestEvent, ThrowingHandler>(ring, sequencer.NewBarrier(), new ThrowingHandler(log, throwAt), policy, "one-batch");
        sequencer.AddGatingSequences(processor.Sequence);
        var high = sequencer.Next(events);
        for (var s = high - events + 1; s <= high; s++) ring[s].Value = s;
        sequencer.Publish(high - events + 1, high);
        processor.Start();
        processor.WaitUntilConsumed(high);
        processor.Halt();
        return (processor, log);
    }

    [Test]
    public void A_failure_in_the_middle_of_a_batch_is_reported_at_its_own_sequence_and_the_rest_of_the_batch_is_handled()
    {
        var messages = new List<string>();
        var (processor, log) = RunThrowingInOneBatch(LoggingExceptionHandler.LogAndContinue(m => { lock (messages) messages.Add(m); }), 10, 6);
        Assert.Multiple(() =>
        {
            Assert.That(messages.Single(), Does.Contain("sequence 6"));
            Assert.That(log.Values[..log.Count], Is.EqualTo(new long[] { 0, 1, 2, 3, 4, 5, 7, 8, 9 }));
            Assert.That(processor.Sequence.Value, Is.EqualTo(9));
        });
    }

    [Test]
    public void A_halting_failure_in_the_middle_of_a_batch_releases_the_events_before_it_only()
    {
        var (processor, log) = RunThrowingInOneBatch(LoggingExceptionHandler.LogAndHalt(_ => { }), 10, 6);
        Assert.Multiple(() =>
        {
            Assert.That(log.Values[..log.Count], Is.EqualTo(new long[] { 0, 1, 2, 3, 4, 5 }));
            Assert.That(processor.Sequence.Value, Is.EqualTo(5));
            Assert.That(processor.Fault, Is.TypeOf<InvalidOperationException>());
        });
    }

    [Test]
    public void Blocking_wait_with_timeout_calls_on_timeout_while_idle_and_still_delivers()
    {
        var ring = new RingBuffer<RingTestEvent>(8);
        var sequencer = new SingleProducerSequencer(8, new BlockingWaitStrategy(TimeSpan.FromMilliseconds(5)));
        var log = new RecordingLog(4);
        var processor = new BatchEventProcessor<RingTestEvent, RecordingHandler>(ring, sequencer.NewBarrier(), new RecordingHandler(log, 1));
        sequencer.AddGatingSequences(processor.Sequence);
        processor.Start();
        Assert.That(SpinWait.SpinUntil(() => Volatile.Read(ref log.Timeouts) >= 3, TimeSpan.FromSeconds(30)), Is.True, "three timeouts while idle");
        var s = sequencer.Next();
        ring[s].Value = 42;
        sequencer.Publish(s);
        processor.WaitUntilConsumed(s);
        processor.Halt();
        Assert.Multiple(() =>
        {
            Assert.That(log.Timeouts, Is.GreaterThanOrEqualTo(3));
            Assert.That(log.Count, Is.EqualTo(1));
            Assert.That(log.Values[0], Is.EqualTo(42));
        });
    }

    [TestCase(RingPropertyTests.Wait.BusySpin)]
    [TestCase(RingPropertyTests.Wait.Yielding)]
    [TestCase(RingPropertyTests.Wait.Sleeping)]
    [TestCase(RingPropertyTests.Wait.Blocking)]
    public void Halt_wakes_an_idle_consumer_and_ends_its_thread(RingPropertyTests.Wait wait)
    {
        var sequencer = new SingleProducerSequencer(8, RingPropertyTests.Create(wait));
        var processor = new BatchEventProcessor<RingTestEvent, RecordingHandler>(
            new RingBuffer<RingTestEvent>(8), sequencer.NewBarrier(), new RecordingHandler(new RecordingLog(1), 1), name: "idle");
        var thread = processor.Start();
        Assert.That(thread.Name, Is.EqualTo("idle"));
        processor.Halt();
        Assert.Multiple(() =>
        {
            Assert.That(thread.IsAlive, Is.False);
            Assert.That(processor.IsRunning, Is.False);
        });
    }

    [Test]
    public void A_producer_cannot_lap_a_stalled_consumer()
    {
        var sequencer = new SingleProducerSequencer(4, new YieldingWaitStrategy());
        var consumer = new Sequence();
        sequencer.AddGatingSequences(consumer);
        for (var i = 0; i < 4; i++) Assert.That(sequencer.TryNext(1, out _), Is.True);
        Assert.That(sequencer.TryNext(1, out _), Is.False, "the fifth claim would overwrite an unread slot");
        consumer.SetValue(0);
        Assert.That(sequencer.TryNext(1, out var s), Is.True);
        Assert.That(s, Is.EqualTo(4));
    }

    private static Sequencer NewSequencer(bool multiProducer, int size) =>
        multiProducer
            ? new MultiProducerSequencer(new RingBuffer<RingTestEvent>(size).Stamps, new YieldingWaitStrategy())
            : new SingleProducerSequencer(size, new YieldingWaitStrategy());

    [TestCase(false, 0)]
    [TestCase(false, -1)]
    [TestCase(false, 9)]
    [TestCase(false, int.MinValue)]
    [TestCase(false, int.MaxValue)]
    [TestCase(true, 0)]
    [TestCase(true, -1)]
    [TestCase(true, 9)]
    [TestCase(true, int.MinValue)]
    [TestCase(true, int.MaxValue)]
    public void A_claim_of_fewer_than_one_or_more_than_the_ring_size_slots_is_refused_and_claims_nothing(bool multiProducer, int n)
    {
        var sequencer = NewSequencer(multiProducer, 8);
        sequencer.AddGatingSequences(new Sequence());
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => sequencer.Next(n))!.Message, Does.Contain("1 to 8 slots"));
            Assert.Throws<ArgumentOutOfRangeException>(() => sequencer.TryNext(n, out _));
            Assert.That(sequencer.RemainingCapacity(), Is.EqualTo(8), "nothing was claimed");
            Assert.That(sequencer.Next(8), Is.EqualTo(7), "the whole ring can still be claimed at once, from sequence 0");
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Remaining_capacity_counts_claimed_but_unpublished_slots(bool multiProducer)
    {
        var sequencer = NewSequencer(multiProducer, 8);
        var consumer = new Sequence();
        sequencer.AddGatingSequences(consumer);
        var hi = sequencer.Next(3);
        Assert.That(sequencer.RemainingCapacity(), Is.EqualTo(5), "claimed, not yet published");
        sequencer.Publish(hi - 2, hi);
        Assert.That(sequencer.RemainingCapacity(), Is.EqualTo(5), "published, not yet consumed");
        consumer.SetValue(hi);
        Assert.That(sequencer.RemainingCapacity(), Is.EqualTo(8), "consumed");
    }

    [Test]
    public void Ring_size_must_be_a_power_of_two()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new RingBuffer<RingTestEvent>(12));
        Assert.That(e!.Message, Does.Contain("power of two"));
    }

    [Test]
    public void Slots_wrap_by_mask_and_are_written_in_place()
    {
        var ring = new RingBuffer<RingTestEvent>(4);
        ring[1].Value = 7;
        Assert.That(ring[5].Value, Is.EqualTo(7), "sequence 5 maps to the slot of sequence 1");
        ref var slot = ref ring[9];
        slot.Value = 8;
        Assert.That(ring[1].Value, Is.EqualTo(8));
    }

    [Test]
    public void Pinning_either_lands_on_the_cpu_or_says_why_not()
    {
        string? why = null;
        var cpu = -2;
        var t = new Thread(() =>
        {
            why = ThreadAffinity.TryPinCurrentThread(0);
            cpu = ThreadAffinity.CurrentCpu();
        });
        t.Start();
        t.Join();
        if (why is null) Assert.That(cpu, Is.EqualTo(0));
        else Assert.That(why, Does.Contain("CPU 0"));
        Assert.That(ThreadAffinity.TryPinCurrentThread(4096), Does.Contain("does not exist"));
    }
}
