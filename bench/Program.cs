using BenchmarkDotNet.Running;
using HlScalper.Bench.Commands;

// `latency`, `check`, `fuzz`, `tickread`, `sweepscale` and `replayrate` are the harness, the regression gate, the fuzz run, the interleaved load and sweep ratios and the one-core replay rate; anything else goes to BenchmarkDotNet.
if (BenchCommands.Handles(args)) return await BenchCommands.RunAsync(args, Console.Out, Console.Error);

// CI-sized by default: every suite at BenchmarkDotNet's short job unless the caller picks a job.
var withJob = args.Any(a => a.StartsWith("--job", StringComparison.Ordinal) || a == "-j") ? args : [.. args, "--job", "short"];
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(withJob);
return 0;
