namespace HlScalper.Engine.Ring;

/// <summary>Spins, then yields, then sleeps a millisecond at a time: near-idle CPU when the feed is quiet, for laptops and CI.</summary>
public sealed class SleepingWaitStrategy : IWaitStrategy
{
    private const int SpinTries = 100;
    private const int YieldTries = 100;

    public bool IsBlocking => false;

    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        var counter = SpinTries + YieldTries;
        long available;
        while ((available = barrier.Dependent) < sequence)
        {
            if (barrier.IsAlerted) return SequenceBarrier.Alerted;
            if (counter > YieldTries) counter--;
            else if (counter > 0)
            {
                counter--;
                Thread.Yield();
            }
            else Thread.Sleep(1);
        }
        return available;
    }

    public void SignalAllWhenBlocking() { }
}
