namespace HlScalper.Bench.Gate;

/// <summary>One figure the regression gate watches: a workload of n operations, timed as ns/op.</summary>
/// <param name="Name">Stable key in the baseline file.</param>
/// <param name="Run">Does n operations and returns a value that depends on all of them (so nothing is optimised away).</param>
/// <param name="OpsPerSample">Operations per timed sample in a full run; a quick run uses a tenth.</param>
public sealed record GateProbe(string Name, Func<int, long> Run, int OpsPerSample);
