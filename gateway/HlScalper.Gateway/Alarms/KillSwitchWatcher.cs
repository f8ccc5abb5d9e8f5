using HlScalper.Engine.Events;

namespace HlScalper.Gateway.Alarms;

/// <summary>
/// The operator's kill switch: when the watched file appears (<c>touch</c> it), or <see cref="Pull"/> is called
/// (e.g. from a SIGUSR1/SIGTERM handler), publishes <see cref="ControlCode.KillSwitch"/> into the ring once;
/// the engine then cancels everything and sends no new entries.
/// </summary>
/// <remarks>Published from the watcher's own task: give it a multi-producer ring sink. The file is polled, not watched with inotify, so it works on any file system.</remarks>
public sealed class KillSwitchWatcher<TSink>(string path, TSink sink, TimeProvider clock, TimeSpan interval) where TSink : struct, IMarketEventSink
{
    private readonly Lock _publish = new();
    private TSink _sink = sink;
    private int _pulled;
    private long _checks;

    public string Path => path;

    public bool Pulled => Volatile.Read(ref _pulled) != 0;

    /// <summary>Times the file was looked for (a reader can tell a check that found nothing from no check at all).</summary>
    public long Checks => Interlocked.Read(ref _checks);

    /// <summary>Polls the file every poll interval until cancelled or pulled (a file already there at start pulls at once).</summary>
    public async Task RunAsync(CancellationToken cancel)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            do
            {
                if (File.Exists(path)) Pull();
                Interlocked.Increment(ref _checks);
            }
            while (!Pulled && await timer.WaitForNextTickAsync(cancel).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Stopping the watcher is not pulling the switch.
        }
    }

    /// <summary>Pulls the switch: publishes the kill-switch signal the first time only.</summary>
    public void Pull()
    {
        if (Interlocked.Exchange(ref _pulled, 1) != 0) return;
        lock (_publish)
        {
            ref var e = ref _sink.Claim();
            e.Reset(EventKind.Control, 0, clock.GetUtcNow().ToUnixTimeMilliseconds());
            e.Control = ControlCode.KillSwitch;
            _sink.Publish();
        }
    }
}
