using System.Diagnostics;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Metrics;

namespace HlScalper.Bench.Replay;

/// <summary>One back-test on one thread, run many times over a tape held in memory: its time a run and the replay rate, in the tape's events and in the depth updates a diff-based back-tester would count for the same data.</summary>
/// <remarks>
/// The first half of the runs warm up (tiered compilation, dynamic PGO, caches) and are not timed into the figures; the p10
/// of the second half is the run the machine let through undisturbed, the median what a run usually took. A run reads the
/// tape through its own cursor, as each run of a sweep does.
/// </remarks>
internal static class ReplayRate
{
    public static void Run(Tape tape, BacktestOptions options, int runs, TextWriter stdout, CancellationToken cancel)
    {
        var updates = DepthUpdates.Of(tape);
        stdout.WriteLine($"{tape.EventCount:N0} events as recorded (a book snapshot of up to 40 levels is one); {updates:N0} in hftbacktest's count "
                         + "(one a price level inserted, resized or removed since the coin's last snapshot, one a trade)");
        stdout.WriteLine($"{runs:N0} back-tests on one thread, {options.Exchange.Fill.ToString().ToLowerInvariant()} fills, settings: {string.Join(' ', options.Settings)}; "
                         + $"the first {runs / 2:N0} warm up");
        var timed = new double[runs - runs / 2];
        for (var r = 0; r < runs; r++)
        {
            cancel.ThrowIfCancellationRequested();
            var start = Stopwatch.GetTimestamp();
            Backtest.Run(tape, options, cancel);
            if (r >= runs / 2) timed[r - runs / 2] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        Array.Sort(timed);
        double p10 = timed[timed.Length / 10], median = timed[timed.Length / 2];
        stdout.WriteLine($"a back-test: p10 {p10 * 1e3:0.000} ms, median {median * 1e3:0.000} ms (of {timed.Length:N0} timed)");
        stdout.WriteLine($"replay rate at p10: {tape.EventCount / p10 / 1e6:0.00} M events/s as recorded, {updates / p10 / 1e6:0.00} M/s in hftbacktest's count; "
                         + $"at the median: {tape.EventCount / median / 1e6:0.00} M and {updates / median / 1e6:0.00} M/s");
    }
}
