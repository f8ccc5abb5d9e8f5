namespace HlScalper.Engine.Ring;

/// <summary>A consumer's logic; implemented by a struct so the processor's calls are inlined by the JIT.</summary>
/// <remarks>No default interface methods: calling one on a struct boxes it, which would allocate on every call.</remarks>
public interface IEventHandler<T> where T : struct
{
    /// <summary>Handles one event in place; <paramref name="endOfBatch"/> is true on the last event currently available.</summary>
    void OnEvent(ref T data, long sequence, bool endOfBatch);

    /// <summary>Called before a batch of <paramref name="batchSize"/> events.</summary>
    void OnBatchStart(long batchSize);

    /// <summary>Called when a timed wait strategy found no event within its timeout.</summary>
    void OnTimeout(long sequence);

    void OnStart();

    void OnShutdown();
}
