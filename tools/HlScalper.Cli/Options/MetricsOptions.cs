using System.CommandLine;
using HlScalper.Cli.Commands;
using HlScalper.Live.Metrics;
using Prometheus;

namespace HlScalper.Cli.Options;

/// <summary><c>--metrics-port N</c> of <c>live</c> and <c>sim</c>: Prometheus text at <c>http://127.0.0.1:N/metrics</c> while the verb runs.</summary>
internal sealed class MetricsOptions
{
    private readonly Option<int?> _port = Opt.OptionalNumber<int>("--metrics-port", "serve Prometheus metrics at http://127.0.0.1:N/metrics (0 picks a free port, printed on stderr); default: none")
        .Check(p => p is >= 0 and <= 65535, "--metrics-port must be 0..65535");

    private readonly Option<double> _linger = Opt.Number("--metrics-linger", "with --metrics-port: after the summary, keep serving until one more scrape has read the final values, at most this many seconds", 0.0)
        .Check(s => s >= 0, "--metrics-linger must not be negative");

    public void AddTo(Command command)
    {
        command.Options.Add(_port);
        command.Options.Add(_linger);
    }

    /// <summary>Waits (up to <c>--metrics-linger</c>) for a scrape of the final values; says on stderr when none came.</summary>
    public async Task LingerAsync(VerbRun run, string verb, MetricsEndpoint? endpoint)
    {
        var seconds = run.Get(_linger);
        if (endpoint is null || seconds <= 0) return;
        if (!await endpoint.NextScrapeAsync(TimeSpan.FromSeconds(seconds))) run.Err.WriteLine($"{verb}: no scrape of the final metrics within {seconds} s");
    }

    /// <summary>Starts the endpoint when <c>--metrics-port</c> was given and says where on stderr; null otherwise.</summary>
    public async Task<MetricsEndpoint?> StartAsync(VerbRun run, string verb, Func<CollectorRegistry> registry)
    {
        if (run.Get(_port) is not { } port) return null;
        MetricsEndpoint endpoint;
        try
        {
            endpoint = await MetricsEndpoint.StartAsync(registry(), port);
        }
        catch (IOException e)
        {
            throw new IOException($"cannot serve metrics on 127.0.0.1:{port}: {e.Message}", e);
        }
        run.Err.WriteLine($"{verb}: metrics at {endpoint.Uri}");
        run.Err.Flush();
        return endpoint;
    }
}
