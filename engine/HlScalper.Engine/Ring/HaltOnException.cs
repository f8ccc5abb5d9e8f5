namespace HlScalper.Engine.Ring;

/// <summary>The default policy: a handler exception halts the processor, whose <see cref="BatchEventProcessor{T,THandler}.Fault"/> then tells why.</summary>
/// <remarks>It writes nothing (the engine does no I/O): a caller that wants the failure logged passes a <see cref="LoggingExceptionHandler"/>.</remarks>
public sealed class HaltOnException : IExceptionHandler
{
    public static readonly HaltOnException Instance = new();

    private HaltOnException()
    {
    }

    public bool HandleEventException(Exception exception, long sequence, string processorName) => false;

    public void HandleStartException(Exception exception, string processorName)
    {
    }

    public void HandleShutdownException(Exception exception, string processorName)
    {
    }
}
