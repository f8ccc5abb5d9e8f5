namespace HlScalper.Engine.Ring;

/// <summary>Parks the consumer on a monitor until the producer signals, with an optional timeout that reaches the handler's <c>OnTimeout</c>.</summary>
/// <remarks>Highest wake-up latency, no CPU while idle. Producers take the lock only when a consumer is parked.</remarks>
public sealed class BlockingWaitStrategy : IWaitStrategy
{
    private readonly object _gate = new();
    private readonly TimeSpan _timeout;
    private volatile bool _signalNeeded;

    /// <param name="timeout">How long a consumer waits before <see cref="SequenceBarrier.TimedOut"/>; <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</param>
    public BlockingWaitStrategy(TimeSpan? timeout = null) => _timeout = timeout ?? Timeout.InfiniteTimeSpan;

    public bool IsBlocking => true;

    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        if (barrier.Cursor.Value < sequence)
        {
            lock (_gate)
            {
                while (barrier.Cursor.Value < sequence)
                {
                    if (barrier.IsAlerted) return SequenceBarrier.Alerted;
                    _signalNeeded = true;
                    // Full fence, paired with the one in SignalAllWhenBlocking (Dekker): either the producer
                    // sees the flag, or this re-check sees the producer's cursor. Never neither.
                    Interlocked.MemoryBarrier();
                    if (barrier.Cursor.Value >= sequence) break;
                    if (!Monitor.Wait(_gate, _timeout)) return SequenceBarrier.TimedOut;
                }
            }
        }

        // The cursor is there; upstream consumers (pipeline) are usually close behind, so spin for them.
        long available;
        var spinner = new SpinWait();
        while ((available = barrier.Dependent) < sequence)
        {
            if (barrier.IsAlerted) return SequenceBarrier.Alerted;
            spinner.SpinOnce(-1);
        }
        return available;
    }

    public void SignalAllWhenBlocking()
    {
        Interlocked.MemoryBarrier();
        if (!_signalNeeded) return;
        lock (_gate)
        {
            _signalNeeded = false;
            Monitor.PulseAll(_gate);
        }
    }
}
