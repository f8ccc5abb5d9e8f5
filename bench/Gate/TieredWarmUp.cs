using System.Diagnostics;
using System.Runtime;

namespace HlScalper.Bench.Gate;

/// <summary>Runs a piece of work until the JIT has stopped compiling for it, so what is timed after it is the tier-1 code a long run executes.</summary>
/// <remarks>
/// A fixed warm-up is too short for work that takes tens of milliseconds at tier 0: a load of the tick tables ran twice in
/// the gate's 400 ms, and the runtime promotes a method only after 30 calls (and a quiet 100 ms), so the first timed rounds
/// of <c>tickread</c> ran 7–10× slower than the rest with no page faults to blame. The runtime's count of compiled
/// methods says when the promotions are over: the warm-up ends once several calls in a row have compiled nothing.
/// </remarks>
public static class TieredWarmUp
{
    /// <summary>Calls in a row that must compile no method.</summary>
    private const int QuietCalls = 5;

    /// <summary>A bound for work that never stops compiling (a generic instantiation per call): the rounds then time what there is.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Calls <paramref name="work"/> for at least the gate's warm-up and until <see cref="QuietCalls"/> calls in a row compiled nothing
    /// (or <see cref="Limit"/> passed); returns the calls made and whether the JIT went quiet.</summary>
    public static (int Calls, bool Quiet) Run(Action work)
    {
        var start = Stopwatch.GetTimestamp();
        var (calls, quiet) = (0, 0);
        while (true)
        {
            var compiled = JitInfo.GetCompiledMethodCount();
            work();
            calls++;
            quiet = JitInfo.GetCompiledMethodCount() == compiled ? quiet + 1 : 0;
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (quiet >= QuietCalls && elapsed >= QuickTimer.WarmUp) return (calls, true);
            if (elapsed >= Limit) return (calls, false);
        }
    }
}
