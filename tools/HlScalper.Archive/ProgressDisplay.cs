namespace HlScalper.Archive;

/// <summary>
/// The fetch's progress on stderr: on a terminal one line rewritten in place twice a second; redirected
/// (cron, systemd, a pod log) a plain line every <c>quietInterval</c>. Messages go through <see cref="WriteLine"/>
/// so they never land in the middle of the progress line.
/// </summary>
public sealed class ProgressDisplay : IAsyncDisposable
{
    private readonly TextWriter _out;
    private readonly FetchProgress _progress;
    private readonly bool _interactive;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();
    private int _shown;

    public ProgressDisplay(TextWriter output, FetchProgress progress, bool interactive, TimeSpan? quietInterval = null)
    {
        _out = output;
        _progress = progress;
        _interactive = interactive;
        _loop = Loop(interactive ? TimeSpan.FromMilliseconds(500) : quietInterval ?? TimeSpan.FromSeconds(10));
    }

    public void WriteLine(string message)
    {
        lock (_gate)
        {
            Clear();
            _out.WriteLine(message);
        }
    }

    private async Task Loop(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
                if (_progress.Started) Show();
        }
        catch (OperationCanceledException)
        {
            // Disposed: the final line is written there.
        }
    }

    private void Show()
    {
        var line = "fetch: " + _progress.Describe();
        lock (_gate)
        {
            if (!_interactive)
            {
                _out.WriteLine(line);
                return;
            }
            Clear();
            _out.Write(line);
            _shown = line.Length;
        }
    }

    private void Clear()
    {
        if (_shown == 0) return;
        _out.Write('\r' + new string(' ', _shown) + '\r');
        _shown = 0;
    }

    /// <summary>Stops the updates and leaves the final figures on their own line.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        if (!_progress.Started || _progress.TotalFiles == 0) return;
        lock (_gate)
        {
            Clear();
            _out.WriteLine("fetch: " + _progress.Describe());
        }
    }
}
