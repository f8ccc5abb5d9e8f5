using BenchmarkDotNet.Running;
using HlScalper.Bench.Commands;

// `latency`, `check`, `fuzz` and `tickread` are the harness, the regression gate, the fuzz run and the interleaved load ratio; anything else goes to BenchmarkDotNet.
if (BenchCommands.Handles(args)) return await BenchCommands.RunAsync(args, Console.Out, Console.Error);

// CI-sized by default: every suite at BenchmarkDotNet's short job unless the caller picks a job.
var withJob = args.Any(a => a.StartsWith("--job", StringComparison.Ordinal) || a == "-j") ? args : [.. args, "--job", "short"];
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(withJob);
return 0;
