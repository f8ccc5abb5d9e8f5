namespace HlScalper.Engine.Ring;

/// <summary>Spins on the sequence without ever yielding: lowest latency, burns a whole core; for pinned bare-metal threads only.</summary>
public sealed class BusySpinWaitStrategy : IWaitStrategy
{
    public bool IsBlocking => false;

    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        long available;
        while ((available = barrier.Dependent) < sequence)
        {
            if (barrier.IsAlerted) return SequenceBarrier.Alerted;
            // A pause instruction: no OS call, but frees the pipeline for a hyper-thread sibling.
            Thread.SpinWait(1);
        }
        return available;
    }

    public void SignalAllWhenBlocking() { }
}
