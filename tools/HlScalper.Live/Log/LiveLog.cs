using System.Collections.Concurrent;

namespace HlScalper.Live.Log;

/// <summary>
/// Where the live run's structured lines go (stdout or <c>--log FILE</c>): whole lines, from any thread, written by a thread of its
/// own so that a slow pipe or a full disk never reaches the threads that trade.
/// </summary>
/// <remarks>
/// Lines wait in a bounded queue. <see cref="Write"/> never blocks: when the queue is full the line is dropped and counted
/// (<see cref="DroppedLines"/>) — the socket thread, timers and the watchdog must not wait on output. <see cref="WriteOrWait"/> waits
/// for room: for the log thread that reads the ring behind the engine, which may fall behind and count what it skipped there.
/// The writer flushes whenever the queue runs empty, so a quiet run's file is always current.
/// </remarks>
public sealed class LiveLog : IDisposable
{
    /// <summary>How long <see cref="Dispose"/> waits for the queue to be written before it gives up on a sink that does not take it.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly TextWriter _writer;
    private readonly BlockingCollection<string> _lines;
    private readonly Thread _thread;
    private long _queued;
    private long _written;
    private long _dropped;
    private int _disposed;

    /// <param name="capacity">Lines the queue holds before <see cref="Write"/> drops.</param>
    public LiveLog(TextWriter writer, int capacity = 65_536)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _writer = writer;
        _lines = new BlockingCollection<string>(new ConcurrentQueue<string>(), capacity);
        _thread = new Thread(WriteLoop) { Name = "log-writer", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Lines dropped because the queue was full (the sink was not keeping up).</summary>
    public long DroppedLines => Interlocked.Read(ref _dropped);

    /// <summary>Queues one line; drops it (counted) when the queue is full or the log is closed. Never blocks.</summary>
    public void Write(string line)
    {
        if (Volatile.Read(ref _disposed) == 0 && TryAdd(line, 0)) return;
        Interlocked.Increment(ref _dropped);
    }

    /// <summary>Queues one line, waiting up to <paramref name="timeout"/> for room; false (and the line dropped, counted) when none came.</summary>
    public bool WriteOrWait(string line, TimeSpan timeout)
    {
        if (Volatile.Read(ref _disposed) == 0 && TryAdd(line, (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds))) return true;
        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Waits until every line queued before the call is written and flushed, or <paramref name="timeout"/> passes; true when it was.</summary>
    public bool Flush(TimeSpan timeout)
    {
        var target = Interlocked.Read(ref _queued);
        var deadline = DateTime.UtcNow + timeout;
        while (Interlocked.Read(ref _written) < target)
        {
            if (DateTime.UtcNow > deadline || !_thread.IsAlive) return false;
            Thread.Sleep(1);
        }
        return true;
    }

    /// <summary>Writes what is queued (waiting at most <see cref="DrainTimeout"/>) and closes the writer unless it is stdout.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _lines.CompleteAdding();
        if (!_thread.Join(DrainTimeout)) return;
        _writer.Flush();
        if (_writer != Console.Out) _writer.Dispose();
    }

    private bool TryAdd(string line, int millisecondsTimeout)
    {
        try
        {
            if (!_lines.TryAdd(line, millisecondsTimeout)) return false;
        }
        catch (InvalidOperationException)
        {
            // Closed between the check and the add.
            return false;
        }
        Interlocked.Increment(ref _queued);
        return true;
    }

    private void WriteLoop()
    {
        try
        {
            foreach (var line in _lines.GetConsumingEnumerable())
            {
                _writer.WriteLine(line);
                if (_lines.Count == 0) _writer.Flush();
                Interlocked.Increment(ref _written);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The sink is gone (a closed pipe, a full disk): nothing more can be written. Later lines count as dropped.
            Console.Error.WriteLine($"hlscalper: the log stopped: {e.Message}");
            Interlocked.Exchange(ref _disposed, 1);
        }
    }
}
