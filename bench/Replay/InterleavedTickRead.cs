using System.Diagnostics;
using HlScalper.Bench.Gate;

namespace HlScalper.Bench.Replay;

/// <summary>Parquet tick tables against LZ4 JSON, both into a ready compact tape, timed in one process in alternating rounds; the ratio that matters is each round's, taken in one machine state.</summary>
/// <remarks>
/// On a shared VM the speed of a process moves in phases of seconds (a 2-vCPU host placing its cores), and BenchmarkDotNet's
/// separate runs of the two loads can land in different phases: the same build read 3.7× and 5.9× on the same day. A round
/// here times a few loads of each, back to back, first one then the other (the order alternates so neither always runs
/// second, in a warmer cache), so both sides of a ratio share a phase; the median of the rounds' ratios is the figure.
/// </remarks>
internal static class InterleavedTickRead
{
    /// <summary>The speed-up the back-test issue asks of Parquet over LZ4 JSON; rounds at or above it are counted.</summary>
    public const double Target = 5.0;

    /// <summary>Times <paramref name="rounds"/> rounds of <paramref name="loads"/> loads a side and prints each round and the summary.</summary>
    public static void Run(TickReadInputs inputs, int rounds, int loads, TextWriter stdout, CancellationToken cancel)
    {
        var events = (Lz4: inputs.Lz4Compact(), Parquet: inputs.ParquetCompact());
        if (events.Lz4 != events.Parquet)
            throw new InvalidOperationException($"the Parquet tables load {events.Parquet:N0} events and the recording {events.Lz4:N0}: not the same tape, no ratio");
        stdout.WriteLine($"{inputs.Lz4}: {events.Lz4:N0} events a load; {rounds} rounds of {loads} loads a side, after a warm-up");
        WarmUp(inputs);

        var ratios = new double[rounds];
        var parquetAll = new List<double>();
        var lz4All = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            cancel.ThrowIfCancellationRequested();
            double parquet, lz4;
            if (r % 2 == 0)
            {
                parquet = MedianMs(inputs.ParquetCompact, loads, parquetAll);
                lz4 = MedianMs(inputs.Lz4Compact, loads, lz4All);
            }
            else
            {
                lz4 = MedianMs(inputs.Lz4Compact, loads, lz4All);
                parquet = MedianMs(inputs.ParquetCompact, loads, parquetAll);
            }
            ratios[r] = lz4 / parquet;
            stdout.WriteLine($"round {r + 1,3}: Parquet {parquet,7:0.00} ms, LZ4 JSON {lz4,7:0.00} ms, {ratios[r],5:0.00}×");
        }

        var reached = ratios.Count(x => x >= Target);
        stdout.WriteLine($"Parquet → compact tape against LZ4 JSON → compact tape: median of the rounds' ratios {Median(ratios):0.00}× "
                         + $"(lowest {ratios.Min():0.00}×, highest {ratios.Max():0.00}×), {reached} of {rounds} rounds at or above {Target:0}×; "
                         + $"median load Parquet {Median([.. parquetAll]):0.00} ms, LZ4 JSON {Median([.. lz4All]):0.00} ms");
        // The fastest load of each side is what the code costs when nothing interferes (the gate's reasoning, QuickTimer).
        var best = (Parquet: parquetAll.Min(), Lz4: lz4All.Min());
        stdout.WriteLine($"fastest loads: Parquet {best.Parquet:0.00} ms, LZ4 JSON {best.Lz4:0.00} ms, {best.Lz4 / best.Parquet:0.00}×");
    }

    /// <summary>Both loads for as long as the gate's warm-up, so the timed rounds run tiered-up code.</summary>
    private static void WarmUp(TickReadInputs inputs)
    {
        var start = Stopwatch.GetTimestamp();
        do
        {
            inputs.ParquetCompact();
            inputs.Lz4Compact();
        }
        while (Stopwatch.GetElapsedTime(start) < QuickTimer.WarmUp);
    }

    private static double MedianMs(Func<long> load, int loads, List<double> all)
    {
        var times = new double[loads];
        for (var i = 0; i < loads; i++)
        {
            var start = Stopwatch.GetTimestamp();
            load();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        all.AddRange(times);
        return Median(times);
    }

    /// <summary>Sorts <paramref name="values"/> in place and returns their median.</summary>
    private static double Median(double[] values)
    {
        Array.Sort(values);
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
