using HlScalper.Bench.Gate;
using HlScalper.Bench.Latency;
using HlScalper.Engine.Ring;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper bench check</c>: the latency-regression gate over the hot path's figures.</summary>
public sealed class BenchCommand : ICommand
{
    public string Name => "bench";

    public string Summary => "tick-to-trade latency over loopback, and the latency-regression gate";

    public string Help => $"""
        hlscalper bench latency [--ticks 1000000] [--rate 50000] [--wait yielding] [--cpu N] [--out latency-out] [--set k=v ...]
        hlscalper bench check [--quick] [--margin 0.20] [--baseline PATH] [--update-baseline]

        latency: a loopback feeder sends the built-in market's l2Book frames through the real WebSocket
        client, feed supervisor, codec, ring, slot-runner (strategy + risk) and pre-signed sender; order
        frames land on a loopback socket whose far end acks them back through the ring. Prints
        p50/p90/p99/p99.9/max (µs) of wire → decision, wire → order written and feeder send → order
        received, the GC collections during the run, pre-signed hits and misses, and writes an
        HdrHistogram log (.hlog) and a percentile distribution (.hgrm) per histogram.

          --ticks N           book messages to send (default 1,000,000; the first 10 %, at most 50,000, warm up)
          --rate R            messages a second (default 50,000; 0 = as fast as the socket takes them)
          --wait W            engine wait strategy: {string.Join(" | ", WaitStrategies.Names)} (default yielding)
          --cpu N             pin the engine thread to CPU N
          --out DIR           where the histogram files go (default latency-out)
          --set k=v           strategy settings on top of the harness's loose triggers (repeatable)

        check:

        Times a fixed set of hot-path probes (fixed-point parsing, book + signals, ring one-to-one, and
        more as the engine grows), each as a ratio to a reference workload timed beside it in the same
        run, so a slower machine does not fail the gate. Fails (exit 1) when a probe's ratio is worse
        than the baseline's by more than the margin.

          --quick             a tenth of the operations per sample (a few seconds)
          --margin F          allowed slowdown as a fraction (default 0.20 = 20 %)
          --baseline PATH     baseline file (default {RegressionGate.BaselinePath} under the repository root)
          --update-baseline   record this run as the new baseline instead of comparing

        For full figures with allocation counts run the BenchmarkDotNet suites:
          dotnet run -c Release --project bench -- --filter '*' --job short
        """;

    public Task<int> RunAsync(CommandArgs args, CancellationToken cancel)
    {
        var sub = args.Positionals.FirstOrDefault() ?? throw new UsageException("expected a subcommand: latency or check");
        return sub switch
        {
            "check" => Task.FromResult(Check(args)),
            "latency" => LatencyAsync(args, cancel),
            _ => throw new UsageException($"unknown subcommand '{sub}' (expected: latency, check)"),
        };
    }

    private static async Task<int> LatencyAsync(CommandArgs args, CancellationToken cancel)
    {
        var defaults = new TickToTradeOptions();
        var options = defaults with
        {
            Ticks = args.Int("ticks", defaults.Ticks),
            Rate = args.Double("rate", defaults.Rate),
            Wait = args.String("wait", defaults.Wait),
            EngineCpu = args.String("cpu") is null ? null : args.Int("cpu", 0),
            OutputDirectory = args.String("out", defaults.OutputDirectory),
            Settings = [.. defaults.Settings, .. args.Values("set")],
        };
        args.RejectUnknown();
        if (options.Ticks < 1_000) throw new UsageException("--ticks must be at least 1000");
        if (options.Rate < 0) throw new UsageException("--rate must be 0 or more");
        if (!WaitStrategies.Names.Contains(options.Wait)) throw new UsageException($"--wait must be one of {string.Join(", ", WaitStrategies.Names)}");

        var r = await TickToTradeHarness.RunAsync(options, Console.WriteLine, cancel);
        Console.WriteLine();
        Console.WriteLine(LatencyReport.Table(r.Histograms));
        Console.WriteLine();
        Console.WriteLine($"ticks {r.TicksSent:N0} in {r.Elapsed.TotalSeconds:0.0} s, engine events {r.EventsHandled:N0}, orders {r.Orders:N0} (pre-signed hits {r.PreSignedHits:N0}, misses signed inline {r.PreSignedMisses:N0})");
        Console.WriteLine($"GC collections during the run: gen0 {r.Gen0Collections}, gen1 {r.Gen1Collections}, gen2 {r.Gen2Collections}");
        Console.WriteLine($"wrote {string.Join(", ", r.Files)}");
        return 0;
    }

    private static int Check(CommandArgs args)
    {
        var quick = args.Flag("quick");
        var margin = args.Double("margin", 0.20);
        var update = args.Flag("update-baseline");
        var path = args.String("baseline") ?? Path.Combine(RepositoryRoot(), RegressionGate.BaselinePath);
        args.RejectUnknown();
        if (margin is < 0 or > 10) throw new UsageException("--margin must be between 0 and 10");

        var baseline = update ? null : GateBaseline.Load(path);
        Console.WriteLine($"bench check: {(quick ? "quick" : "full")} run, margin {margin:P0}, baseline {path}");
        var results = new RegressionGate(GateProbes.All(), margin).Measure(quick, baseline, Console.WriteLine);
        if (update)
        {
            RegressionGate.ToBaseline(results).Save(path);
            Console.WriteLine($"baseline written to {path}");
            return 0;
        }
        var failed = results.Where(r => r.Failed).Select(r => r.Name).ToList();
        var missing = results.Where(r => r.BaselineRatio is null).Select(r => r.Name).ToList();
        if (missing.Count > 0) Console.WriteLine($"not in the baseline (not gated): {string.Join(", ", missing)}");
        Console.WriteLine(failed.Count == 0 ? "bench check passed" : $"bench check FAILED: {string.Join(", ", failed)}");
        return failed.Count == 0 ? 0 : 1;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HlScalper.Fast.sln"))) return dir.FullName;
        return Environment.CurrentDirectory;
    }
}
