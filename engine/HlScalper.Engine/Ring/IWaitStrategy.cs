namespace HlScalper.Engine.Ring;

/// <summary>How a consumer waits for a sequence: trades CPU for wake-up latency.</summary>
public interface IWaitStrategy
{
    /// <summary>Waits until <see cref="SequenceBarrier.Dependent"/> reaches <paramref name="sequence"/>; returns it, or <see cref="SequenceBarrier.Alerted"/> / <see cref="SequenceBarrier.TimedOut"/>.</summary>
    long WaitFor(long sequence, SequenceBarrier barrier);

    /// <summary>True when producers must signal after publishing (the strategy parks threads).</summary>
    bool IsBlocking { get; }

    void SignalAllWhenBlocking();
}
