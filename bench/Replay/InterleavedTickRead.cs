using System.Diagnostics;
using HlScalper.Bench.Gate;
using HlScalper.Replay.Gate;

namespace HlScalper.Bench.Replay;

/// <summary>Parquet tick tables against LZ4 JSON, both into a ready compact tape, timed in one process in alternating rounds; the ratio that matters is each round's, taken in one machine state.</summary>
/// <remarks>
/// On a shared VM the speed of a process moves in phases of seconds (a 2-vCPU host placing its cores), and BenchmarkDotNet's
/// separate runs of the two loads can land in different phases: the same build read 3.7× and 5.9× on the same day. A round
/// here times a few loads of each, back to back, first one then the other (the order alternates so neither always runs
/// second, in a warmer cache), so both sides of a ratio share a phase; the median of the rounds' ratios is the figure.
/// Within a phase memory decides the Parquet side: a load allocates 2.8 MB, and when the collector has handed the pages it
/// allocates into back to the kernel, the load takes ~700 page faults (~10 µs each here) instead of ~30 and runs 2.5× slower,
/// while the LZ4 JSON side, six times longer, barely moves. Each round prints its faults a load so a reader sees which kind it
/// was, and the rounds without fresh pages get their own median.
/// </remarks>
internal static class InterleavedTickRead
{
    /// <summary>The speed-up the back-test issue asks of Parquet over LZ4 JSON; rounds at or above it are counted.</summary>
    public const double Target = 5.0;

    /// <summary>Fewer page faults a Parquet load than this: it ran in memory already touched (a warm load takes about 30, one in
    /// pages the collector had handed back to the kernel about 700).</summary>
    private const long FreshMemoryFaults = 100;

    /// <summary>Times <paramref name="rounds"/> rounds of <paramref name="loads"/> loads a side and prints each round and the summary.</summary>
    public static void Run(TickReadInputs inputs, int rounds, int loads, TextWriter stdout, CancellationToken cancel)
    {
        var events = (Lz4: inputs.Lz4Compact(), Parquet: inputs.ParquetCompact());
        if (events.Lz4 != events.Parquet)
            throw new InvalidOperationException($"the Parquet tables load {events.Parquet:N0} events and the recording {events.Lz4:N0}: not the same tape, no ratio");
        var warm = TieredWarmUp.Run(() =>
        {
            inputs.ParquetCompact();
            inputs.Lz4Compact();
        });
        stdout.WriteLine($"{inputs.Lz4}: {events.Lz4:N0} events a load; {rounds} rounds of {loads} loads a side, after a warm-up of {warm.Calls} loads a side "
                         + (warm.Quiet ? "(until the JIT compiled nothing for a few of them)" : "(cut off with the JIT still compiling)"));

        var ratios = new double[rounds];
        var parquetAll = new List<double>();
        var lz4All = new List<double>();
        var warmRatios = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            cancel.ThrowIfCancellationRequested();
            Side parquet, lz4;
            if (r % 2 == 0)
            {
                parquet = Time(inputs.ParquetCompact, loads, parquetAll);
                lz4 = Time(inputs.Lz4Compact, loads, lz4All);
            }
            else
            {
                lz4 = Time(inputs.Lz4Compact, loads, lz4All);
                parquet = Time(inputs.ParquetCompact, loads, parquetAll);
            }
            ratios[r] = lz4.MedianMs / parquet.MedianMs;
            if (parquet.Faults is { } faults && faults < FreshMemoryFaults) warmRatios.Add(ratios[r]);
            var faultsLine = parquet.Faults is { } p && lz4.Faults is { } l ? $"; page faults a load {p:N0} and {l:N0}" : "";
            stdout.WriteLine($"round {r + 1,3}: Parquet {parquet.MedianMs,7:0.00} ms, LZ4 JSON {lz4.MedianMs,7:0.00} ms, {ratios[r],5:0.00}×{faultsLine}");
        }

        var reached = ratios.Count(x => x >= Target);
        stdout.WriteLine($"Parquet → compact tape against LZ4 JSON → compact tape: median of the rounds' ratios {SharpeGate.Median(ratios):0.00}× "
                         + $"(lowest {ratios.Min():0.00}×, highest {ratios.Max():0.00}×), {reached} of {rounds} rounds at or above {Target:0}×; "
                         + $"median load Parquet {SharpeGate.Median(parquetAll):0.00} ms, LZ4 JSON {SharpeGate.Median(lz4All):0.00} ms");
        if (PageFaults.Minor() is not null)
            stdout.WriteLine(warmRatios.Count == 0
                ? $"no round's Parquet loads stayed in memory the process had already touched (under {FreshMemoryFaults} page faults a load)"
                : $"the {warmRatios.Count} {(warmRatios.Count == 1 ? "round" : "rounds")} whose Parquet loads stayed in memory the process had already touched (under {FreshMemoryFaults} page faults a load): "
                  + $"median ratio {SharpeGate.Median(warmRatios):0.00}×");
        // The fastest load of each side is what the code costs when nothing interferes (the gate's reasoning, QuickTimer).
        var best = (Parquet: parquetAll.Min(), Lz4: lz4All.Min());
        stdout.WriteLine($"fastest loads: Parquet {best.Parquet:0.00} ms, LZ4 JSON {best.Lz4:0.00} ms, {best.Lz4 / best.Parquet:0.00}×");
    }

    /// <summary>Times <paramref name="loads"/> loads; their median and the page faults they took a load (null where not known).</summary>
    private static Side Time(Func<long> load, int loads, List<double> all)
    {
        var times = new double[loads];
        var faultsBefore = PageFaults.Minor();
        for (var i = 0; i < loads; i++)
        {
            var start = Stopwatch.GetTimestamp();
            load();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        var faults = PageFaults.Minor() - faultsBefore;
        all.AddRange(times);
        return new Side(SharpeGate.Median(times), faults / loads);
    }

    private readonly record struct Side(double MedianMs, long? Faults);
}
