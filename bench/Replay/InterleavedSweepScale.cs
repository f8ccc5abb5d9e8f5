using System.Diagnostics;
using System.Runtime;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Gate;
using HlScalper.Replay.Sweep;

namespace HlScalper.Bench.Replay;

/// <summary>One sweep at <c>-j 1</c> against the same sweep at <c>-j 2</c>, in one process in alternating rounds, with the processor and JIT time each took; the ratio that matters is each round's, taken in one machine state.</summary>
/// <remarks>
/// Two CLI processes run minutes apart land in different phases of a shared VM (the same 6,144-combination sweep gave a
/// median 1.83× one day and 1.42× two days later), and each pays the JIT's warm-up: about 2,800 methods and 0.8 s of
/// compilation on one background thread, free beside one worker but taken from the workers when two of them fill both
/// cores. A warm-up sweep of the whole grid here pays it once and prints what it cost; the rounds after it time the work
/// itself, both sides of a ratio back to back (the order alternates), and must give the same ranked rows.
/// </remarks>
internal static class InterleavedSweepScale
{
    /// <summary>The speed-up the back-test issue asks of two workers over one; rounds at or above it are counted.</summary>
    public const double Target = 1.8;

    /// <summary>The README's sweep on the real BTC recording.</summary>
    public const string DefaultGrid = "tp_ticks=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16;imbalance=0.5,0.55,0.6,0.65,0.7,0.75;timeout_s=2,5,10,30;adverse_ticks=2,3,4,6;levels=3,5,10,20";

    /// <summary>The README's fixed setting: sizing pinned to the prior, so every run trades and the runs differ.</summary>
    public static readonly string[] DefaultFixed = ["prior_n=1000000"];

    /// <summary>Times the warm-up and <paramref name="rounds"/> rounds and prints each and the summary.</summary>
    /// <exception cref="InvalidOperationException">One and two workers ranked different rows (a sweep must not depend on its parallelism).</exception>
    public static void Run(Tape tape, BacktestOptions options, ParamGrid grid, IReadOnlyList<string> fixedSettings, int rounds, TextWriter stdout, CancellationToken cancel)
    {
        stdout.WriteLine($"{tape.EventCount:N0} events, {grid.Count:N0} combinations, fixed: {string.Join(' ', fixedSettings)}; {rounds} rounds of -j 1 and -j 2 "
                         + $"(the order alternates) on {Environment.ProcessorCount} cores, after a warm-up sweep");
        // A part of the grid is not enough: values it leaves out take other paths, still compiled in the first round.
        var warm = Time(() => SweepRunner.Run(tape, options, grid, fixedSettings, 2, cancel: cancel));
        stdout.WriteLine($"warm-up, the process's first sweep (as a CLI run's): -j 2 in {warm.Seconds:0.00} s (CPU {warm.CpuSeconds:0.00} s), "
                         + $"the JIT compiled {warm.JitMethods:N0} methods in {warm.JitSeconds:0.00} s");

        var ratios = new double[rounds];
        for (var r = 0; r < rounds; r++)
        {
            cancel.ThrowIfCancellationRequested();
            Timed one, two;
            if (r % 2 == 0)
            {
                one = Time(() => SweepRunner.Run(tape, options, grid, fixedSettings, 1, cancel: cancel));
                two = Time(() => SweepRunner.Run(tape, options, grid, fixedSettings, 2, cancel: cancel));
            }
            else
            {
                two = Time(() => SweepRunner.Run(tape, options, grid, fixedSettings, 2, cancel: cancel));
                one = Time(() => SweepRunner.Run(tape, options, grid, fixedSettings, 1, cancel: cancel));
            }
            if (!SameRows(one.Rows, two.Rows))
                throw new InvalidOperationException($"round {r + 1}: -j 1 and -j 2 ranked different rows; a sweep's result must not depend on its workers");
            ratios[r] = one.Seconds / two.Seconds;
            stdout.WriteLine($"round {r + 1,2}: -j 1 {one.Seconds,6:0.00} s (CPU {one.CpuSeconds:0.00} s), -j 2 {two.Seconds,6:0.00} s (CPU {two.CpuSeconds:0.00} s), "
                             + $"{ratios[r]:0.00}×; JIT {one.JitMethods + two.JitMethods} methods");
        }

        stdout.WriteLine($"-j 2 against -j 1 after the warm-up: median of the rounds' ratios {SharpeGate.Median(ratios):0.00}× (lowest {ratios.Min():0.00}×, "
                         + $"highest {ratios.Max():0.00}×), {ratios.Count(x => x >= Target)} of {rounds} rounds at or above {Target:0.0}×; the same ranked rows at both");
    }

    private static bool SameRows(IReadOnlyList<SweepRow> a, IReadOnlyList<SweepRow> b) =>
        a.Select(r => (r.Combination, r.Summary, r.Shape)).SequenceEqual(b.Select(r => (r.Combination, r.Summary, r.Shape)));

    private static Timed Time(Func<IReadOnlyList<SweepRow>> sweep)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var (methods, jit) = (JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());
        var start = Stopwatch.GetTimestamp();
        var rows = sweep();
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        process.Refresh();
        return new Timed(rows, seconds, (process.TotalProcessorTime - cpu).TotalSeconds,
            JitInfo.GetCompiledMethodCount() - methods, (JitInfo.GetCompilationTime() - jit).TotalSeconds);
    }

    private readonly record struct Timed(IReadOnlyList<SweepRow> Rows, double Seconds, double CpuSeconds, long JitMethods, double JitSeconds);
}
