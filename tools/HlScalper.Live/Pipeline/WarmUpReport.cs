namespace HlScalper.Live.Pipeline;

/// <summary>What a warm-up ran through the throwaway copy of the pipeline (<see cref="LivePipeline.WarmUp"/>).</summary>
/// <param name="Ticks">Ticks played (a book and a trade each, and the answers to the orders before it).</param>
/// <param name="Events">Ring events the copy's engine handled.</param>
/// <param name="Orders">Order frames the copy's sender signed and framed (0 in a dry run, which signs nothing).</param>
/// <param name="Answers">Post replies, order updates and fills sent back to it.</param>
/// <param name="MethodsJitted">Methods the JIT compiled in the process while it ran (first compilations and tier-1 recompilations).</param>
/// <param name="Fault">What stopped the copy's engine early; null when it ran to the end.</param>
public sealed record WarmUpReport(int Ticks, long Events, long Orders, long Answers, long MethodsJitted, TimeSpan Elapsed, Exception? Fault);
