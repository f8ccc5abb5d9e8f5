namespace HlScalper.Live.Safety;

/// <summary>
/// A thread of its own that checks every part of the live run (processors, service threads and tasks) each period and trips once,
/// on the first part that reports it is dead or stuck. What tripping does is the owner's <c>onTrip</c>: the watchdog only notices.
/// </summary>
/// <remarks>
/// Checks run on the watchdog's thread and must not block (they read counters and flags). A check that throws counts as a failure
/// of its part. After the trip the thread keeps running the <see cref="OnTick"/> reports until it is disposed.
/// </remarks>
public sealed class Watchdog : IDisposable
{
    private readonly TimeSpan _period;
    private readonly Action<string, string> _onTrip;
    private readonly List<(string Name, Func<string?> Check)> _parts = [];
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly Thread _thread;
    private string? _tripped;

    /// <param name="onTrip">Called once, on the watchdog's thread, with the part's name and why it failed.</param>
    public Watchdog(TimeSpan period, Action<string, string> onTrip)
    {
        _period = period;
        _onTrip = onTrip;
        _thread = new Thread(Loop) { Name = "watchdog", IsBackground = true };
    }

    /// <summary>Called every period on the watchdog's thread, tripped or not (reports such as skipped log events).</summary>
    public Action? OnTick { get; set; }

    /// <summary>"part: why" of the trip; null while everything is healthy.</summary>
    public string? Tripped => Volatile.Read(ref _tripped);

    /// <summary>Adds a part; <paramref name="check"/> returns null while it is healthy, else why it is not. Call before <see cref="Start"/>.</summary>
    public void Watch(string name, Func<string?> check) => _parts.Add((name, check));

    public void Start() => _thread.Start();

    /// <summary>Runs every check once on the calling thread and trips on the first failure; the thread does the same each period.</summary>
    public void CheckNow()
    {
        if (Tripped is not null) return;
        foreach (var (name, check) in _parts)
        {
            string? why;
            try
            {
                why = check();
            }
            catch (Exception e)
            {
                why = $"its check threw {e.GetType().Name}: {e.Message}";
            }
            if (why is null) continue;
            if (Interlocked.CompareExchange(ref _tripped, $"{name}: {why}", null) is null) _onTrip(name, why);
            return;
        }
    }

    private void Loop()
    {
        while (!_stop.Wait(_period))
        {
            CheckNow();
            OnTick?.Invoke();
        }
    }

    public void Dispose()
    {
        _stop.Set();
        if (_thread.IsAlive && _thread != Thread.CurrentThread) _thread.Join();
        _stop.Dispose();
    }
}
