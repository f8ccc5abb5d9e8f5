namespace HlScalper.Engine.Ring;

/// <summary>Spins briefly, then yields the core on each retry: low latency without starving other threads on small machines.</summary>
public sealed class YieldingWaitStrategy : IWaitStrategy
{
    private const int SpinTries = 100;

    public bool IsBlocking => false;

    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        var counter = SpinTries;
        long available;
        while ((available = barrier.Dependent) < sequence)
        {
            if (barrier.IsAlerted) return SequenceBarrier.Alerted;
            if (counter > 0) counter--;
            else Thread.Yield();
        }
        return available;
    }

    public void SignalAllWhenBlocking() { }
}
