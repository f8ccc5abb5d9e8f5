using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Ring;
using HlScalper.Engine.Strategy;
using HlScalper.Gateway.Alarms;
using HlScalper.Testing;

namespace HlScalper.Gateway.Tests;

/// <summary>The kill-switch file through a real ring into a real engine.</summary>
public class KillSwitchWatcherTests
{
    [Test]
    public async Task Touching_the_file_publishes_one_kill_switch_that_stops_the_engines_entries()
    {
        var dir = Directory.CreateTempSubdirectory("hlscalper-kill-");
        try
        {
            var path = System.IO.Path.Combine(dir.FullName, "KILL");
            var ring = new RingBuffer<MarketEvent>(64);
            var sequencer = new MultiProducerSequencer(ring.Stamps, new BlockingWaitStrategy());
            var orders = new RecordingOrderSink();
            var handler = new EngineHandler(AssetMeta.BtcPerp, 0, new EngineConfig(), orders);
            var processor = new BatchEventProcessor<MarketEvent, EngineHandler>(ring, sequencer.NewBarrier(), handler);
            sequencer.AddGatingSequences(processor.Sequence);
            processor.Start();

            var watcher = new KillSwitchWatcher<RingEventSink>(path, new RingEventSink(ring, sequencer), TimeProvider.System, TimeSpan.FromMilliseconds(10));
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var run = watcher.RunAsync(stop.Token);
            await Eventually.Until(() => watcher.Checks >= 3, "three looks for the file");
            Assert.That(watcher.Pulled, Is.False, "no file yet");

            await File.WriteAllTextAsync(path, "");
            await run;
            watcher.Pull();
            processor.WaitUntilConsumed(sequencer.Cursor.Value);
            processor.Halt();

            Assert.Multiple(() =>
            {
                Assert.That(watcher.Pulled, Is.True);
                Assert.That(sequencer.Cursor.Value, Is.EqualTo(0), "exactly one event published, however often it is pulled");
                Assert.That(handler.Runner.Risk.KillSwitch, Is.True);
                Assert.That(stop.IsCancellationRequested, Is.False, "the watcher ended because of the file, not the timeout");
            });
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
