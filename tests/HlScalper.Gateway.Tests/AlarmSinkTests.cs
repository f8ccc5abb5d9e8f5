using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using HlScalper.Engine.Alarms;
using HlScalper.Gateway.Alarms;

namespace HlScalper.Gateway.Tests;

/// <summary>The log and PagerDuty webhook alarm sinks, the latter against a real HTTP server.</summary>
public class AlarmSinkTests
{
    private const string Key = "R0UTINGKEY0123456789abcdefABCDEF";
    private const long Time = 1_700_000_000_123;

    private static string CoinName(ushort coin) => coin == 0 ? "BTC" : $"#{coin}";

    [Test]
    public void Log_sink_writes_one_line_with_time_severity_and_description()
    {
        var text = new StringWriter();
        new LogAlarmSink(text.WriteLine).Raise(new Alarm(AlarmKind.StaleFeed, 0, Time, 3_200));
        Assert.That(text.ToString(), Is.EqualTo("2023-11-14T22:13:20.123Z ALARM error coin=0 stale feed: no book update for 3200 ms" + Environment.NewLine));
    }

    [Test]
    public async Task Webhook_posts_a_pagerduty_events_v2_trigger_body()
    {
        await using var server = await WebhookServer.StartAsync();
        using var http = new HttpClient();
        var sink = new WebhookAlarmSink(http, server.Endpoint, Key, "engine-1", CoinName);
        sink.Raise(new Alarm(AlarmKind.EquityStop, 0, Time, 0.0213));
        await sink.DisposeAsync();

        Assert.That(server.Received, Has.Count.EqualTo(1));
        var (contentType, body) = server.Received.Single();
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        var payload = root.GetProperty("payload");
        Assert.Multiple(() =>
        {
            Assert.That(contentType, Does.StartWith("application/json"));
            Assert.That(root.GetProperty("routing_key").GetString(), Is.EqualTo(Key));
            Assert.That(root.GetProperty("event_action").GetString(), Is.EqualTo("trigger"));
            Assert.That(root.GetProperty("dedup_key").GetString(), Is.EqualTo("hlscalper/engine-1/BTC/EquityStop"));
            Assert.That(payload.GetProperty("summary").GetString(), Does.StartWith("BTC: equity stop: intraday drawdown 2.13"));
            Assert.That(payload.GetProperty("source").GetString(), Is.EqualTo("engine-1"));
            Assert.That(payload.GetProperty("severity").GetString(), Is.EqualTo("critical"));
            Assert.That(payload.GetProperty("timestamp").GetString(), Is.EqualTo("2023-11-14T22:13:20.123Z"));
            Assert.That(payload.GetProperty("custom_details").GetProperty("value").GetDouble(), Is.EqualTo(0.0213));
            Assert.That(sink.Sent, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Server_errors_are_retried_and_a_bad_request_is_not()
    {
        await using var server = await WebhookServer.StartAsync(500, 503, 202, 400);
        using var http = new HttpClient();
        var errors = new StringWriter();
        var sink = new WebhookAlarmSink(http, server.Endpoint, Key, "engine-1", CoinName, errors) { RetryDelay = TimeSpan.FromMilliseconds(1) };
        sink.Raise(new Alarm(AlarmKind.DeadManFailures, 0, Time, 3));
        sink.Raise(new Alarm(AlarmKind.StaleFeed, 0, Time, 3_100));
        await sink.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(server.Requests, Is.EqualTo(4), "three tries for the first alarm, one for the second");
            Assert.That(sink.Sent, Is.EqualTo(1));
            Assert.That(sink.Failed, Is.EqualTo(1));
            Assert.That(errors.ToString(), Does.Contain("HTTP 400").And.Contain("stale feed"));
            Assert.That(errors.ToString(), Does.Not.Contain(Key), "the routing key is a secret");
        });
    }

    [Test]
    public async Task An_unreachable_endpoint_is_counted_and_reported_without_throwing()
    {
        // A port that was free a moment ago: nothing listens there.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var http = new HttpClient();
        var errors = new StringWriter();
        var sink = new WebhookAlarmSink(http, new Uri($"http://127.0.0.1:{port}/v2/enqueue"), Key, "engine-1", CoinName, errors)
        {
            Attempts = 2, RetryDelay = TimeSpan.FromMilliseconds(1),
        };
        sink.Raise(new Alarm(AlarmKind.KillSwitch, 0, Time, 0));
        await sink.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(sink.Failed, Is.EqualTo(1));
            Assert.That(errors.ToString(), Does.Contain("could not deliver 'kill switch pulled"));
            Assert.That(errors.ToString(), Does.Not.Contain(Key));
            Assert.That(sink.ToString(), Does.Not.Contain(Key));
        });
    }

    [Test]
    public void A_missing_routing_key_is_refused_naming_the_variable()
    {
        using var http = new HttpClient();
        var ex = Assert.Throws<ArgumentException>(() => new WebhookAlarmSink(http, WebhookAlarmSink.PagerDutyEndpoint, " ", "engine-1", CoinName));
        Assert.That(ex!.Message, Does.Contain(WebhookAlarmSink.RoutingKeyVariable));
    }

    [Test]
    public void Body_is_valid_utf8_json_for_every_alarm_kind()
    {
        foreach (var kind in Enum.GetValues<AlarmKind>())
        {
            var body = PagerDutyEvent.Body(new Alarm(kind, 3, Time, 1.5), Key, "e", "ETH");
            using var doc = JsonDocument.Parse(body);
            Assert.That(doc.RootElement.GetProperty("payload").GetProperty("class").GetString(), Is.EqualTo(kind.ToString()));
            Assert.That(Encoding.UTF8.GetString(body), Does.Contain("\"group\":\"ETH\""));
        }
    }
}
