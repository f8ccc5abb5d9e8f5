using System.CommandLine;
using HlScalper.Bench.Fuzz;
using HlScalper.Bench.Gate;
using HlScalper.Bench.Latency;
using HlScalper.Bench.Replay;
using HlScalper.Engine.Ring;
using HlScalper.Engine.Strategy;
using HlScalper.Replay.Data;
using HlScalper.Replay.Data.Compact;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Sweep;

namespace HlScalper.Bench.Commands;

/// <summary>
/// <c>dotnet run -c Release --project bench -- latency|check|fuzz|tickread|sweepscale|replayrate …</c>: the tick-to-trade harness, the latency-regression gate,
/// the codec fuzz run, the interleaved tick-read and sweep-scaling ratios and the one-core replay rate; every other argument list goes to BenchmarkDotNet.
/// </summary>
public static class BenchCommands
{
    /// <summary>Whether <paramref name="args"/> name one of these commands rather than a BenchmarkDotNet run.</summary>
    public static bool Handles(string[] args) => args is ["latency" or "check" or "fuzz" or "tickread" or "sweepscale" or "replayrate", ..];

    /// <summary>Parses and runs; usage errors go to <paramref name="stderr"/> with exit code 2.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        var root = new RootCommand("HlScalper.Fast benchmarks: the tick-to-trade harness, the latency-regression gate, the codec fuzz run, the interleaved tick-read and sweep-scaling ratios and the one-core replay rate (other arguments go to BenchmarkDotNet)")
        {
            Latency(stdout), Check(stdout, stderr), Fuzz(stdout, stderr), TickRead(stdout, stderr), SweepScale(stdout, stderr),
            ReplayRate(stdout, stderr),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var name = args is [var command, ..] ? $"bench {command}" : "bench";
            foreach (var error in parsed.Errors) stderr.WriteLine($"{name}: {error.Message}");
            stderr.WriteLine($"Run '{name} --help' for usage.");
            return 2;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancel);
    }

    private static Command Latency(TextWriter stdout)
    {
        var defaults = new TickToTradeOptions();
        var ticks = new Option<int>("--ticks") { Description = "book messages to send; the first 10 % (at most 50,000) warm up", DefaultValueFactory = _ => defaults.Ticks };
        var rate = new Option<double>("--rate") { Description = "messages a second; 0 = as fast as the socket takes them", DefaultValueFactory = _ => defaults.Rate };
        var wait = new Option<string>("--wait") { Description = "engine wait strategy", DefaultValueFactory = _ => defaults.Wait };
        wait.AcceptOnlyFromAmong([.. WaitStrategies.Names]);
        var cpu = new Option<int?>("--cpu") { Description = "pin the engine thread to this CPU" };
        var ioCpu = new Option<int?>("--io-cpu") { Description = "pin the feed's I/O thread to this CPU" };
        var venueCpu = new Option<int?>("--venue-cpu") { Description = "pin the loopback venue's feeder and reader to this CPU" };
        var output = new Option<string>("--out") { Description = "where the histogram files go", DefaultValueFactory = _ => defaults.OutputDirectory };
        var logFile = new Option<string?>("--log") { Description = "write the pipeline's structured log (as `hlscalper live` writes it) to this file" };
        var settings = new Option<string[]>("--set") { Description = "strategy settings k=v on top of the harness's loose triggers (repeatable)", AllowMultipleArgumentsPerToken = false };
        ticks.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1_000) r.AddError("--ticks must be at least 1000"); });
        rate.Validators.Add(r => { if (r.GetValueOrDefault<double>() < 0) r.AddError("--rate must be 0 or more"); });

        var command = new Command("latency",
            "Tick-to-trade over loopback through the live pipeline (the one `hlscalper live` runs): a loopback venue sends the built-in " +
            "market's l2Book frames to the WebSocket client, feed supervisor, codec, ring, slot-runner and order sender; order frames go " +
            "back on the same socket and the venue acks them. Prints p50/p90/p99/p99.9/max (µs) of wire → decision, wire → order written " +
            "and venue send → order received, GC collections and orders, and writes an HdrHistogram log and percentile file per histogram.")
        {
            ticks, rate, wait, cpu, ioCpu, venueCpu, output, logFile, settings,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var options = defaults with
            {
                Ticks = parse.GetValue(ticks),
                Rate = parse.GetValue(rate),
                Wait = parse.GetValue(wait)!,
                EngineCpu = parse.GetValue(cpu),
                IoCpu = parse.GetValue(ioCpu),
                VenueCpu = parse.GetValue(venueCpu),
                OutputDirectory = parse.GetValue(output)!,
                LogFile = parse.GetValue(logFile),
                Settings = [.. defaults.Settings, .. parse.GetValue(settings) ?? []],
            };
            var r = await TickToTradeHarness.RunAsync(options, stdout.WriteLine, cancel);
            stdout.WriteLine();
            stdout.WriteLine(LatencyReport.Table(r.Histograms));
            stdout.WriteLine();
            stdout.WriteLine(LatencyReport.Table(r.Stages));
            stdout.WriteLine();
            stdout.WriteLine($"ticks {r.TicksSent:N0} in {r.Elapsed.TotalSeconds:0.0} s, engine events {r.EventsHandled:N0}, orders {r.Orders:N0} (signed with a full ECDSA signature because the nonce pool was empty: {r.FullSignatures:N0})");
            stdout.WriteLine($"GC collections during the run: gen0 {r.Gen0Collections}, gen1 {r.Gen1Collections}, gen2 {r.Gen2Collections}");
            stdout.WriteLine($"wrote {string.Join(", ", r.Files)}");
            return 0;
        });
        return command;
    }

    private static Command Check(TextWriter stdout, TextWriter stderr)
    {
        var quick = new Option<bool>("--quick") { Description = "a tenth of the operations per sample (a few seconds)" };
        var margin = new Option<double>("--margin") { Description = "allowed slowdown as a fraction", DefaultValueFactory = _ => 0.20 };
        margin.Validators.Add(r => { if (r.GetValueOrDefault<double>() is < 0 or > 10) r.AddError("--margin must be between 0 and 10"); });
        var baseline = new Option<string?>("--baseline") { Description = $"baseline file (default {RegressionGate.BaselinePath} under the repository root)" };
        var update = new Option<bool>("--update-baseline") { Description = "record this run as the new baseline instead of comparing" };
        var command = new Command("check",
            "The latency-regression gate: times a fixed set of hot-path probes, each as a ratio to a reference workload timed beside it " +
            "in the same run (so a slower machine does not fail it), and fails (exit 1) when a ratio is worse than the baseline's by more " +
            "than the margin. Full figures with allocations: dotnet run -c Release --project bench -- --filter '*'")
        {
            quick, margin, baseline, update,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(baseline) ?? Path.Combine(RepositoryRoot(), RegressionGate.BaselinePath);
            var isUpdate = parse.GetValue(update);
            GateBaseline? recorded = null;
            if (!isUpdate)
            {
                try
                {
                    recorded = GateBaseline.Load(path);
                }
                catch (InvalidDataException e)
                {
                    stderr.WriteLine($"bench check: {e.Message}");
                    return 1;
                }
            }
            var isQuick = parse.GetValue(quick);
            var allowed = parse.GetValue(margin);
            stdout.WriteLine($"bench check: {(isQuick ? "quick" : "full")} run, margin {allowed:P0}, baseline {path}");
            var results = new RegressionGate(GateProbes.All(), allowed).Measure(isQuick, recorded, stdout.WriteLine);
            if (isUpdate)
            {
                RegressionGate.ToBaseline(results).Save(path);
                stdout.WriteLine($"baseline written to {path}");
                return 0;
            }
            var failed = results.Where(r => r.Failed).Select(r => r.Name).ToList();
            var missing = results.Where(r => r.BaselineRatio is null).Select(r => r.Name).ToList();
            if (missing.Count > 0) stdout.WriteLine($"not in the baseline (not gated): {string.Join(", ", missing)}");
            stdout.WriteLine(failed.Count == 0 ? "bench check passed" : $"bench check FAILED: {string.Join(", ", failed)}");
            return failed.Count == 0 ? 0 : 1;
        });
        return command;
    }

    private static Command Fuzz(TextWriter stdout, TextWriter stderr)
    {
        var inputs = new Option<long>("--inputs") { Description = "mutated messages to try", DefaultValueFactory = _ => 500_000 };
        var seed = new Option<int>("--seed") { Description = "seed of the mutations (the same seed repeats the run)", DefaultValueFactory = _ => 1 };
        inputs.Validators.Add(r => { if (r.GetValueOrDefault<long>() < 1) r.AddError("--inputs must be at least 1"); });
        var command = new Command("fuzz",
            "The codec fuzz harness at length: real messages from ../shared, mutated (flipped and inserted bytes, broken escapes and UTF-8, " +
            "impossible values, crossed books, re-formatted JSON), through the fast scanner, the reference parser and the codec. Prints " +
            "crashes, hangs, parser disagreements and impossible values published (all must be 0; exit 1 otherwise), then what the codec " +
            "made of the inputs. Progress on stderr.")
        {
            inputs, seed,
        };
        command.SetAction((parse, cancel) => Task.FromResult(CodecFuzzRun.Run(parse.GetValue(inputs), parse.GetValue(seed), stdout, stderr, cancel)));
        return command;
    }

    private static Command TickRead(TextWriter stdout, TextWriter stderr)
    {
        var input = new Option<string?>("--input") { Description = "the LZ4 JSON recording to convert and load (default: the real BTC half hour in ../shared)" };
        var rounds = Rounds(20);
        var loads = Count("--loads", "loads a side in a round (the round takes their median)", 5);
        var command = new Command("tickread",
            "Parquet tick tables (as `convert` writes them) against the LZ4 JSON recording they came from, both loaded into a ready " +
            "compact tape in memory, in one process: each round times a few loads of one then the other (the order alternates) and " +
            "gives the ratio of their medians, so both sides of a ratio see the same machine state. Prints every round, then the " +
            "median ratio, how many rounds reach 5× and the ratio of the fastest load of each side. Speed is not judged: the exit " +
            "code is 0 for a finished run, 1 for an input that does not load, 2 for a usage error.")
        {
            input, rounds, loads,
        };
        command.SetAction((parse, cancel) =>
        {
            try
            {
                using var inputs = TickReadInputs.Create(parse.GetValue(input) ?? TickReadInputs.DefaultRecording);
                InterleavedTickRead.Run(inputs, parse.GetValue(rounds), parse.GetValue(loads), stdout, cancel);
                return Task.FromResult(0);
            }
            catch (Exception e) when (e is TickDataException or IOException or InvalidOperationException)
            {
                stderr.WriteLine($"bench tickread: {e.Message}");
                return Task.FromResult(1);
            }
        });
        return command;
    }

    private static Command SweepScale(TextWriter stdout, TextWriter stderr)
    {
        var input = new Option<string?>("--input") { Description = "the one-coin recording to sweep (default: the real BTC half hour in ../shared)" };
        var grid = new Option<string>("--grid") { Description = "the grid, as sweep's --grid (default: the README's 6,144 combinations)", DefaultValueFactory = _ => InterleavedSweepScale.DefaultGrid };
        var set = new Option<string[]>("--set") { Description = "key=value fixed for every run, repeatable (default: prior_n=1000000, as in the README)", DefaultValueFactory = _ => InterleavedSweepScale.DefaultFixed };
        var rounds = Rounds(5);
        var command = new Command("sweepscale",
            "A sweep at -j 1 against the same sweep at -j 2, in one process: a warm-up sweep first (it prints what the JIT compiled), then " +
            "each round runs both back to back (the order alternates) and gives the ratio of their times, so both sides of a ratio see " +
            "the same machine state; processor time and JIT work are printed beside each. The two must rank the same rows (exit 1 " +
            "otherwise). Prints every round, then the median ratio and how many rounds reach 1.8×. Speed is not judged: the exit code is 0 " +
            "for a finished run, 1 for an input that does not load or rows that differ, 2 for a usage error.")
        {
            input, grid, set, rounds,
        };
        command.SetAction(async (parse, cancel) =>
        {
            ParamGrid parsed;
            try
            {
                parsed = ParamGrid.Parse(parse.GetValue(grid)!);
                new EngineConfig().With([.. parse.GetValue(set)!, .. parsed.Combination(0)]);
            }
            catch (ArgumentException e)
            {
                stderr.WriteLine($"bench sweepscale: {e.Message}");
                return 2;
            }
            try
            {
                var (tape, options) = await OneCoin(parse.GetValue(input), cancel);
                InterleavedSweepScale.Run(tape, options, parsed, parse.GetValue(set)!, parse.GetValue(rounds), stdout, cancel);
                return 0;
            }
            catch (Exception e) when (e is TickDataException or IOException or InvalidOperationException or ArgumentException)
            {
                stderr.WriteLine($"bench sweepscale: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command ReplayRate(TextWriter stdout, TextWriter stderr)
    {
        var input = new Option<string?>("--input") { Description = "the one-coin recording to replay (default: the real BTC half hour in ../shared)" };
        var runs = Count("--runs", "back-tests to run; the first half warm up", 2_000);
        var command = new Command("replayrate",
            "One back-test on one thread (queue fills, prior_n=1000000 so it trades, as in the README), run many times over the " +
            "recording held in memory: prints the p10 and median time of a run and the replay rate, in the recording's events (a " +
            "book snapshot is one) and in hftbacktest's count of the same data (a depth update a price level that changed, one a " +
            "trade), so the rate compares with figures quoted in that unit. Speed is not judged: the exit code is 0 for a " +
            "finished run, 1 for an input that does not load, 2 for a usage error.")
        {
            input, runs,
        };
        command.SetAction(async (parse, cancel) =>
        {
            try
            {
                var (tape, options) = await OneCoin(parse.GetValue(input), cancel);
                Replay.ReplayRate.Run(tape, options with { Settings = InterleavedSweepScale.DefaultFixed }, parse.GetValue(runs), stdout, cancel);
                return 0;
            }
            catch (Exception e) when (e is TickDataException or IOException or InvalidOperationException or ArgumentException)
            {
                stderr.WriteLine($"bench replayrate: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>A one-coin recording (default: the real BTC half hour) as a compact tape in memory, and back-test options for its coin.</summary>
    /// <exception cref="TickDataException">The file does not load, or holds more than one coin.</exception>
    private static async Task<(Tape Tape, BacktestOptions Options)> OneCoin(string? input, CancellationToken cancel)
    {
        var path = input ?? TickReadInputs.DefaultRecording;
        var load = await TickLoader.LoadCompactAsync([path], strict: true, TapeCache.InMemory, _ => { }, cancel);
        if (load.Tape.Coins.Count != 1) throw new TickDataException($"{path}: {load.Tape.Coins.Count} coins; these measurements trade one");
        return (load.Tape, new BacktestOptions { Asset = KnownAssets.Find(load.Tape.Coins.NameOf(0)) });
    }

    /// <summary>The interleaved measurements' number of alternated rounds.</summary>
    private static Option<int> Rounds(int defaultValue) => Count("--rounds", "alternated rounds; each gives one ratio", defaultValue);

    /// <summary>A count option that refuses anything under 1.</summary>
    private static Option<int> Count(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError($"{name} must be at least 1"); });
        return option;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HlScalper.Fast.sln"))) return dir.FullName;
        return Environment.CurrentDirectory;
    }
}
