namespace HlScalper.Engine.Ring;

/// <summary>What a processor does with an exception thrown by its handler: never swallowed silently.</summary>
public interface IExceptionHandler
{
    /// <summary>Returns true to skip the event and continue, false to halt the processor.</summary>
    bool HandleEventException(Exception exception, long sequence, string processorName);

    void HandleStartException(Exception exception, string processorName);

    void HandleShutdownException(Exception exception, string processorName);
}
