using HlScalper.Gateway.Alarms;
using HlScalper.Protocol.Keys;

namespace HlScalper.Cli.Options;

/// <summary>
/// The in-process PagerDuty fallback (for a run without Alertmanager): with <c>HL_PAGERDUTY_ROUTING_KEY</c> set (environment,
/// then the .env file) every alarm of <c>live</c> is also posted to PagerDuty's Events API v2. <c>HL_PAGERDUTY_URL</c> replaces
/// the endpoint (a relay, or a test server).
/// </summary>
internal static class PagerDutyAlarms
{
    public const string UrlVariable = "HL_PAGERDUTY_URL";

    /// <summary>The sink, or null when no routing key is configured; the key is never printed.</summary>
    public static WebhookAlarmSink? Create(string dotEnvPath, string source, string coin, HttpClient http, TextWriter errors)
    {
        var settings = File.Exists(dotEnvPath) ? DotEnv.Load(dotEnvPath) : new Dictionary<string, string>();
        string? Read(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : settings.GetValueOrDefault(name);
        if (Read(WebhookAlarmSink.RoutingKeyVariable) is not { Length: > 0 } key) return null;
        var endpoint = Read(UrlVariable) is { } url
            ? Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : throw new Commands.UsageException($"{UrlVariable} '{url}' is not an http(s) address")
            : WebhookAlarmSink.PagerDutyEndpoint;
        return new WebhookAlarmSink(http, endpoint, key.Trim(), source, _ => coin, errors);
    }
}
