using System.Net.Http.Headers;
using System.Threading.Channels;
using HlScalper.Engine.Alarms;

namespace HlScalper.Gateway.Alarms;

/// <summary>
/// Posts alarms to a PagerDuty Events v2 endpoint (or any webhook taking that body) from its own task:
/// <see cref="Raise"/> only queues, so the engine thread never waits on the network.
/// </summary>
/// <remarks>
/// Each alarm is tried <see cref="Attempts"/> times with a doubling pause; a delivery that still fails is
/// counted and reported to the error writer, never thrown. The routing key is a secret: it goes only into
/// the request body and is never written to the error writer or <see cref="ToString"/>.
/// </remarks>
public sealed class WebhookAlarmSink : IAlarmSink, IAsyncDisposable
{
    /// <summary>PagerDuty's Events API v2 endpoint.</summary>
    public static readonly Uri PagerDutyEndpoint = new("https://events.pagerduty.com/v2/enqueue");

    /// <summary>Environment variable the CLI reads the routing (integration) key from.</summary>
    public const string RoutingKeyVariable = "HL_PAGERDUTY_ROUTING_KEY";

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string _routingKey;
    private readonly string _source;
    private readonly Func<ushort, string> _coinName;
    private readonly TextWriter _errors;
    private readonly Channel<Alarm> _queue = Channel.CreateBounded<Alarm>(new BoundedChannelOptions(256) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Task _sender;
    private long _sent, _failed, _dropped;

    /// <param name="source">Names this engine instance in the page (host or account label).</param>
    /// <param name="coinName">Turns an alarm's coin index into its name.</param>
    /// <param name="errors">Where failed deliveries are reported (stderr by default).</param>
    public WebhookAlarmSink(HttpClient http, Uri endpoint, string routingKey, string source, Func<ushort, string> coinName, TextWriter? errors = null)
    {
        if (string.IsNullOrWhiteSpace(routingKey)) throw new ArgumentException($"a PagerDuty routing key is required (set {RoutingKeyVariable})", nameof(routingKey));
        _http = http;
        _endpoint = endpoint;
        _routingKey = routingKey;
        _source = source;
        _coinName = coinName;
        _errors = errors ?? Console.Error;
        _sender = Task.Run(SendLoopAsync);
    }

    /// <summary>Tries per alarm before giving up.</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>Pause before the first retry; doubles after each.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Alarms dropped because 256 were already waiting.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Raise(in Alarm alarm)
    {
        if (!_queue.Writer.TryWrite(alarm)) Interlocked.Increment(ref _dropped);
    }

    /// <summary>Sends what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _sender.ConfigureAwait(false);
    }

    public override string ToString() => $"PagerDuty webhook {_endpoint} as '{_source}' (sent {Sent}, failed {Failed}, dropped {Dropped})";

    private async Task SendLoopAsync()
    {
        await foreach (var alarm in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (await TrySendAsync(alarm).ConfigureAwait(false)) Interlocked.Increment(ref _sent);
            else Interlocked.Increment(ref _failed);
        }
    }

    private async Task<bool> TrySendAsync(Alarm alarm)
    {
        var body = PagerDutyEvent.Body(in alarm, _routingKey, _source, _coinName(alarm.Coin));
        var delay = RetryDelay;
        string problem = "";
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await _http.PostAsync(_endpoint, content).ConfigureAwait(false);
                if (response.IsSuccessStatusCode) return true;
                problem = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
                // 4xx other than 429 means the body or key is wrong: retrying cannot help.
                if ((int)response.StatusCode is >= 400 and < 500 and not 429) break;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                problem = e.Message;
            }
            if (attempt < Attempts)
            {
                await Task.Delay(delay).ConfigureAwait(false);
                delay *= 2;
            }
        }
        await _errors.WriteLineAsync($"alarm webhook: could not deliver '{alarm.Describe()}' to {_endpoint}: {problem}").ConfigureAwait(false);
        return false;
    }
}
