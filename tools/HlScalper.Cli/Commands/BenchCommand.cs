using HlScalper.Bench.Gate;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper bench check</c>: the latency-regression gate over the hot path's figures.</summary>
public sealed class BenchCommand : ICommand
{
    public string Name => "bench";

    public string Summary => "latency-regression gate: compare hot-path figures with the committed baseline";

    public string Help => $"""
        hlscalper bench check [--quick] [--margin 0.20] [--baseline PATH] [--update-baseline]

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
        var sub = args.Positionals.FirstOrDefault() ?? throw new UsageException("expected a subcommand: check");
        if (sub != "check") throw new UsageException($"unknown subcommand '{sub}' (expected: check)");
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
            return Task.FromResult(0);
        }
        var failed = results.Where(r => r.Failed).Select(r => r.Name).ToList();
        var missing = results.Where(r => r.BaselineRatio is null).Select(r => r.Name).ToList();
        if (missing.Count > 0) Console.WriteLine($"not in the baseline (not gated): {string.Join(", ", missing)}");
        Console.WriteLine(failed.Count == 0 ? "bench check passed" : $"bench check FAILED: {string.Join(", ", failed)}");
        return Task.FromResult(failed.Count == 0 ? 0 : 1);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HlScalper.Fast.sln"))) return dir.FullName;
        return Environment.CurrentDirectory;
    }
}
