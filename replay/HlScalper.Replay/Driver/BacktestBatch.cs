using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace HlScalper.Replay.Driver;

/// <summary>Several one-thread back-tests over one tape in lockstep: one cursor reads and decodes each market event once, and every run steps through it while it is in cache.</summary>
/// <remarks>
/// A sweep's runs differ only in their settings, so reading the tape once per run repeated the block reads, checksums and
/// decoding (a quarter of a compact back-test) and streamed the tape through the cache once per run, on every worker. The runs
/// share nothing but the event they are handed, read-only, and each keeps its own ring, engine, exchange and timer grid, so a
/// run's result is the same, byte for byte, alone or in any batch (tested).
/// </remarks>
public static class BacktestBatch
{
    /// <summary>Runs one back-test per entry of <paramref name="options"/> (none of them threaded); results in the same order, each with the batch's elapsed time.</summary>
    public static BacktestResult[] Run(Tape tape, IReadOnlyList<BacktestOptions> options, CancellationToken cancel = default)
    {
        if (options.Any(o => o.Threaded)) throw new ArgumentException("a batch runs its back-tests on the reading thread; a threaded one runs alone (Backtest.Run)", nameof(options));
        var runs = options.Select(o => new BacktestRun(tape, o)).ToArray();
        var clock = Stopwatch.StartNew();
        using (var cursor = tape.Open())
        {
            for (var i = 0L; ; i++)
            {
                if ((i & 0xFFFF) == 0) cancel.ThrowIfCancellationRequested();
                ref readonly var e = ref cursor.Next();
                if (Unsafe.IsNullRef(in e)) break;
                foreach (var run in runs) run.Step(in e);
            }
        }
        clock.Stop();
        return [.. runs.Select(r => r.Finish(clock.Elapsed))];
    }
}
