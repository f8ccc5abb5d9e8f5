using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HlScalper.EndToEnd.Tests;

/// <summary><c>hlscalper sim</c> as a child process on a free loopback port, with its admin endpoints.</summary>
public sealed partial class SimProcess : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private SimProcess(CliProcess process, Uri api)
    {
        Process = process;
        Api = api;
        WebSocket = new Uri($"ws://{api.Authority}/ws");
    }

    public CliProcess Process { get; }

    public Uri Api { get; }

    public Uri WebSocket { get; }

    /// <summary>Starts the sim (the built-in market unless <paramref name="args"/> names data) and waits until it serves.</summary>
    public static async Task<SimProcess> Start(params string[] args)
    {
        var process = CliProcess.Start("sim", ["sim", "--port", "0", .. args]);
        try
        {
            var match = await process.WaitForLine(Listening(), TimeSpan.FromSeconds(60));
            return new SimProcess(process, new Uri(match.Groups[1].Value));
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>The sim's <c>/sim/state</c>: counters and every account.</summary>
    public async Task<JsonElement> State() => (await _http.GetFromJsonAsync<JsonElement>(new Uri(Api, "/sim/state")))!;

    public Task Kick() => Admin("/sim/kick");

    public Task Stall(int ms) => Admin($"/sim/stall?ms={ms}");

    public Task AddCash(string user, decimal delta) => Admin($"/sim/equity?user={user}&delta={delta.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    private async Task Admin(string pathAndQuery)
    {
        using var response = await _http.PostAsync(new Uri(Api, pathAndQuery), null);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"POST {pathAndQuery}: {await response.Content.ReadAsStringAsync()}");
    }

    public void Dispose()
    {
        _http.Dispose();
        Process.Dispose();
    }

    [GeneratedRegex(@"^sim: listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
