using BenchmarkDotNet.Running;

// CI-sized by default: every suite at BenchmarkDotNet's short job unless the caller picks a job.
var withJob = args.Any(a => a.StartsWith("--job", StringComparison.Ordinal) || a == "-j") ? args : [.. args, "--job", "short"];
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(withJob);
