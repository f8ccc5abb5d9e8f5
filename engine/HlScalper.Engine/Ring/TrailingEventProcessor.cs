namespace HlScalper.Engine.Ring;

/// <summary>
/// A side consumer (log, metrics) that reads behind a leader (the engine) without gating the producers: it can never slow the ring
/// down, and when the producers lap it, it skips what was overwritten and counts it (<see cref="Skipped"/>).
/// </summary>
/// <remarks>
/// <para>Producers wait only for the leader, so a slot this reader has not reached yet may be reused by sequence s + ring size. The
/// reader therefore copies each event out of its slot and only then checks that no producer has claimed s + size (claims only grow,
/// so a claimed cursor still below it after the copy means the copy is whole); a lapped copy is dropped and the reader jumps to the
/// oldest slot that can still hold its own sequence. The handler sees the copy, never the slot.</para>
/// <para>Everything up to the leader's sequence is published (the leader only moves over published events), so no per-slot
/// availability check is needed. When there is nothing to read it calls <see cref="IEventHandler{T}.OnTimeout"/> and sleeps a
/// millisecond: it is off the latency path and must not compete with it for a core.</para>
/// </remarks>
public sealed class TrailingEventProcessor<T, THandler>
    where T : struct
    where THandler : struct, IEventHandler<T>
{
    private const int Idle = 0, Running = 1, Halted = 2;

    private readonly RingBuffer<T> _ring;
    private readonly MultiProducerSequencer _sequencer;
    private readonly Sequence _leader;
    private readonly IExceptionHandler _exceptionHandler;
    private THandler _handler;
    private T _copy;
    private int _state;
    private long _skipped;
    private Thread? _thread;

    /// <param name="leader">The consumer to read behind (its sequence); this reader never passes it.</param>
    /// <param name="sequencer">A multi-producer sequencer: its claims are compare-and-swaps on the cursor, so a claim is visible before the claimed slot is written.</param>
    public TrailingEventProcessor(RingBuffer<T> ring, MultiProducerSequencer sequencer, Sequence leader, THandler handler, IExceptionHandler? exceptionHandler = null,
        string name = "trailing")
    {
        _ring = ring;
        _sequencer = sequencer;
        _leader = leader;
        _handler = handler;
        _exceptionHandler = exceptionHandler ?? HaltOnException.Instance;
        Name = name;
        Sequence.SetValue(leader.Value);
    }

    public string Name { get; }

    /// <summary>The last sequence this reader has finished with (handled or skipped). Nobody gates on it.</summary>
    public Sequence Sequence { get; } = new();

    /// <summary>Events overwritten before this reader got to them.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    public bool IsRunning => Volatile.Read(ref _state) == Running;

    /// <summary>Set when the reader stopped because of a handler exception under a halting policy.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>The handler, by reference: read its state after <see cref="Halt(TimeSpan)"/>.</summary>
    public ref THandler Handler => ref _handler;

    public Thread Start()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Idle) != Idle) throw new InvalidOperationException($"processor '{Name}' was already started");
        _thread = new Thread(RunLoop) { Name = Name, IsBackground = true };
        _thread.Start();
        return _thread;
    }

    /// <summary>Stops after the current event and waits up to <paramref name="timeout"/> for the thread; false when it did not end in time (its handler is stuck).</summary>
    public bool Halt(TimeSpan timeout)
    {
        Interlocked.CompareExchange(ref _state, Halted, Running);
        Interlocked.CompareExchange(ref _state, Halted, Idle);
        return _thread is not { } t || t == Thread.CurrentThread || t.Join(timeout);
    }

    /// <summary>Waits until this reader has finished with <paramref name="sequence"/>, stopped, or <paramref name="timeout"/> passed; true when caught up.</summary>
    public bool WaitUntilConsumed(long sequence, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Sequence.Value < sequence)
        {
            if (!IsRunning || DateTime.UtcNow > deadline) return false;
            Thread.Sleep(1);
        }
        return true;
    }

    private void RunLoop()
    {
        try
        {
            _handler.OnStart();
        }
        catch (Exception e)
        {
            _exceptionHandler.HandleStartException(e, Name);
        }
        ProcessEvents();
        try
        {
            _handler.OnShutdown();
        }
        catch (Exception e)
        {
            _exceptionHandler.HandleShutdownException(e, Name);
        }
        Volatile.Write(ref _state, Halted);
    }

    private void ProcessEvents()
    {
        var size = _ring.Size;
        var next = Sequence.Value + 1;
        while (Volatile.Read(ref _state) == Running)
        {
            var available = _leader.Value;
            if (available < next)
            {
                if (!Handle(next, isTimeout: true)) return;
                Thread.Sleep(1);
                continue;
            }
            while (next <= available && Volatile.Read(ref _state) == Running)
            {
                _copy = _ring[next];
                // Full fence: the copy's loads complete before the claimed cursor is read (acquire alone would let them move after it).
                Interlocked.MemoryBarrier();
                var claimed = _sequencer.Cursor.Value;
                if (claimed >= next + size)
                {
                    // Lapped: this slot (and maybe more) now holds a newer sequence. Resume at the oldest one still intact.
                    var resume = claimed - size + 1;
                    Interlocked.Add(ref _skipped, resume - next);
                    next = resume;
                    Sequence.SetValue(next - 1);
                    if (next > available) break;
                    continue;
                }
                if (!Handle(next, isTimeout: false, endOfBatch: next == available)) return;
                Sequence.SetValue(next);
                next++;
            }
        }
    }

    /// <summary>Runs the handler on the copy (or its timeout); false when the exception policy halts the reader.</summary>
    private bool Handle(long next, bool isTimeout, bool endOfBatch = false)
    {
        try
        {
            if (isTimeout) _handler.OnTimeout(next - 1);
            else _handler.OnEvent(ref _copy, next, endOfBatch);
            return true;
        }
        catch (Exception e)
        {
            if (_exceptionHandler.HandleEventException(e, next, Name)) return true;
            Fault = e;
            return false;
        }
    }
}
