using System.CommandLine;
using HlScalper.Cli.Commands;
using HlScalper.Replay.Exchange;

namespace HlScalper.Cli.Options;

/// <summary><c>--latency-file F</c>: the simulated exchange's entry and response latencies drawn from what <c>live --latency-file</c> recorded.</summary>
internal sealed class LatencyFileOptions
{
    private readonly Option<string?> _file = Opt.OptionalText("--latency-file",
        "draw each order's entry and response latency from latencies recorded live ('live --latency-file F'), seeded by latency_seed and response_seed; replaces latency_ms, jitter_ms, response_ms, response_jitter_ms");

    public void AddTo(Command command) => command.Options.Add(_file);

    /// <summary><paramref name="config"/> with the recorded latencies when the flag is given; reports skipped and clamped rows on stderr.</summary>
    /// <exception cref="UsageException">The file is missing, or the constant latency settings were set too.</exception>
    public SimExchangeConfig Apply(VerbRun run, SimExchangeConfig config)
    {
        if (run.Get(_file) is not { } path) return config;
        var defaults = new SimExchangeConfig();
        if (config.LatencyMs != defaults.LatencyMs || config.LatencyJitterMs != defaults.LatencyJitterMs || config.ResponseMs != defaults.ResponseMs
            || config.ResponseJitterMs != defaults.ResponseJitterMs)
            throw new UsageException("--latency-file replaces latency_ms, jitter_ms, response_ms and response_jitter_ms: leave them out (latency_seed and response_seed still apply)");
        if (!File.Exists(path)) throw new UsageException($"--latency-file {path}: no such file");
        var recorded = RecordedLatencies.Load(path);
        if (recorded.BadLines > 0) run.Err.WriteLine($"{path}: {recorded.BadLines} bad line(s) skipped, the first at line {recorded.FirstBadLine}");
        if (recorded.Clamped > 0) run.Err.WriteLine($"{path}: {recorded.Clamped} order(s) with a negative part (clock skew between the local and the exchange's clock) taken as 0 ms");
        if (recorded.Truncated) run.Err.WriteLine($"{path}: only the first {RecordedLatencies.MaxRows:N0} orders are used");
        return config with { Recorded = recorded };
    }
}
