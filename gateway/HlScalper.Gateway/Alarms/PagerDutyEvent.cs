using System.Globalization;
using System.Text.Json;
using HlScalper.Engine.Alarms;

namespace HlScalper.Gateway.Alarms;

/// <summary>Writes an <see cref="Alarm"/> as a PagerDuty Events API v2 "trigger" body.</summary>
/// <remarks>
/// Fields per PagerDuty's Events API v2: <c>routing_key</c>, <c>event_action</c>, <c>dedup_key</c> and a
/// <c>payload</c> with the required <c>summary</c>, <c>source</c> and <c>severity</c> (critical, error,
/// warning, info) plus optional <c>timestamp</c>, <c>component</c>, <c>group</c>, <c>class</c> and
/// <c>custom_details</c>. The dedup key is per instance, alarm kind and coin, so a repeated alarm
/// updates the open incident instead of paging again.
/// </remarks>
public static class PagerDutyEvent
{
    public static byte[] Body(in Alarm alarm, string routingKey, string source, string coinName)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("routing_key", routingKey);
            json.WriteString("event_action", "trigger");
            json.WriteString("dedup_key", DedupKey(in alarm, source, coinName));
            json.WriteStartObject("payload");
            json.WriteString("summary", $"{coinName}: {alarm.Describe()}");
            json.WriteString("source", source);
            json.WriteString("severity", alarm.Severity);
            json.WriteString("timestamp", DateTimeOffset.FromUnixTimeMilliseconds(alarm.TimeMs).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteString("component", "hlscalper");
            json.WriteString("group", coinName);
            json.WriteString("class", alarm.Kind.ToString());
            json.WriteStartObject("custom_details");
            json.WriteString("kind", alarm.Kind.ToString());
            json.WriteString("coin", coinName);
            json.WriteNumber("value", alarm.Value);
            json.WriteNumber("event_time_ms", alarm.TimeMs);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static string DedupKey(in Alarm alarm, string source, string coinName) => $"hlscalper/{source}/{coinName}/{alarm.Kind}";
}
