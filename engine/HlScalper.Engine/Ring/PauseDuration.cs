using System.Diagnostics;

namespace HlScalper.Engine.Ring;

/// <summary>How long one spin-loop pause lasts on this machine, measured once per process.</summary>
/// <remarks>
/// A pause is 16 ns on the project's current Intel Xeon VM and 50–60 ns on the AMD EPYC one it ran on
/// before: waits meant in time are counted in pauses through this, so they mean the same time on both.
/// </remarks>
internal static class PauseDuration
{
    private const int PausesPerTrial = 1000;
    private const int Trials = 5;

    // A CPU without a pause hint makes the loop nearly free: no wait counts more pauses than this.
    private const int MaxPauses = 1000;

    /// <summary>Nanoseconds per <see cref="BusySpinWaitStrategy.Pause"/>: the fastest of a few trials, since a preempted trial only reads long.</summary>
    public static readonly double Nanoseconds = Measure();

    /// <summary>The number of pauses (1 to 1,000) that lasts about <paramref name="nanoseconds"/>.</summary>
    public static int PausesFor(double nanoseconds) => (int)Math.Clamp(nanoseconds / Nanoseconds, 1, MaxPauses);

    private static double Measure()
    {
        var best = double.MaxValue;
        for (var trial = 0; trial < Trials; trial++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < PausesPerTrial; i++) BusySpinWaitStrategy.Pause();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalNanoseconds / PausesPerTrial);
        }
        return Math.Max(best, 0.1);
    }
}
