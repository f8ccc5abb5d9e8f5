namespace HlScalper.Engine.Ring;

/// <summary>Exception policies: log the failing sequence (through the caller's writer: the engine does no I/O) and either keep consuming or halt.</summary>
public sealed class LoggingExceptionHandler(bool haltOnEventException, Action<string> log) : IExceptionHandler
{
    private readonly Action<string> _log = log;
    private long _count;

    /// <summary>Logs the event and skips it; the processor keeps running.</summary>
    public static LoggingExceptionHandler LogAndContinue(Action<string> log) => new(false, log);

    /// <summary>Logs the event and halts the processor.</summary>
    public static LoggingExceptionHandler LogAndHalt(Action<string> log) => new(true, log);

    /// <summary>Event exceptions seen so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    public bool HandleEventException(Exception exception, long sequence, string processorName)
    {
        Interlocked.Increment(ref _count);
        _log($"[{processorName}] handler threw at sequence {sequence}; {(haltOnEventException ? "halting" : "skipping the event")}: {exception}");
        return !haltOnEventException;
    }

    public void HandleStartException(Exception exception, string processorName) =>
        _log($"[{processorName}] OnStart threw: {exception}");

    public void HandleShutdownException(Exception exception, string processorName) =>
        _log($"[{processorName}] OnShutdown threw: {exception}");
}
