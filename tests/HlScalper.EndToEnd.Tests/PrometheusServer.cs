using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace HlScalper.EndToEnd.Tests;

/// <summary>Debian's <c>prometheus</c> as a child process on loopback, scraping the given targets every second, with its HTTP query API.</summary>
public sealed class PrometheusServer : IDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _dir;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private PrometheusServer(Process process, TempDirectory dir, Uri api)
    {
        _process = process;
        _dir = dir;
        Api = api;
    }

    public Uri Api { get; }

    /// <summary>The prometheus binary on PATH, or null (then the tests that need it are ignored with the reason).</summary>
    public static string? Binary() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "prometheus")).FirstOrDefault(File.Exists);

    /// <summary>Writes a config scraping each job's <c>/metrics</c> every second and starts Prometheus on a free loopback port.</summary>
    public static async Task<PrometheusServer> Start(string binary, params (string Job, Uri Metrics)[] targets)
    {
        var dir = new TempDirectory();
        var config = "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n" + string.Concat(targets.Select(t =>
            $"  - job_name: {t.Job}\n    metrics_path: {t.Metrics.AbsolutePath}\n    static_configs:\n      - targets: ['{t.Metrics.Authority}']\n"));
        File.WriteAllText(dir.File("prometheus.yml"), config);
        var port = FreePort();
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { $"--config.file={dir.File("prometheus.yml")}", $"--storage.tsdb.path={dir.File("data")}", $"--web.listen-address=127.0.0.1:{port}" })
            info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("prometheus did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, dir, new Uri($"http://127.0.0.1:{port}/"));
        await Eventually.Until(server.IsReady, "prometheus answers /-/ready", 60_000);
        return server;
    }

    /// <summary>The value of an instant query that returns one series; null while it returns none.</summary>
    public async Task<double?> Scalar(string query)
    {
        var url = new Uri(Api, "api/v1/query?query=" + Uri.EscapeDataString(query));
        using var doc = JsonDocument.Parse(await _http.GetStringAsync(url));
        var result = doc.RootElement.GetProperty("data").GetProperty("result");
        if (result.GetArrayLength() == 0) return null;
        Assert.That(result.GetArrayLength(), Is.EqualTo(1), $"{query} returned {result}");
        return double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>Names of every series Prometheus holds for <paramref name="job"/>.</summary>
    public async Task<HashSet<string>> MetricNames(string job)
    {
        var url = new Uri(Api, "api/v1/series?match[]=" + Uri.EscapeDataString($"{{job=\"{job}\"}}"));
        using var doc = JsonDocument.Parse(await _http.GetStringAsync(url));
        return [.. doc.RootElement.GetProperty("data").EnumerateArray().Select(s => s.GetProperty("__name__").GetString()!)];
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        _http.Dispose();
        _dir.Dispose();
    }

    private bool IsReady()
    {
        if (_process.HasExited) Assert.Fail($"prometheus exited with {_process.ExitCode}");
        try
        {
            using var response = _http.GetAsync(new Uri(Api, "-/ready")).GetAwaiter().GetResult();
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
