using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HlScalper.Protocol.Codec.Fuzzing;

/// <summary>Rewrites a JSON message with the same meaning and a different form: keys shuffled, random whitespace, unknown fields, optionally escaped strings.</summary>
internal sealed class JsonScrambler(Random random, bool escapeStrings, bool addUnknownFields)
{
    private static readonly string[] Whitespace = ["", "", "", " ", "\n", "\t", "\r\n  "];

    /// <summary>Object keys whose contents are passed on raw (payloads), so adding fields there would change the meaning.</summary>
    private static readonly HashSet<string> Opaque = ["response", "subscription", "mids", "notification", "nonUserCancel", "users", "liquidation", "funding"];

    public string Scramble(string json) => Write(JsonNode.Parse(json), opaque: IsOpaqueChannel(json));

    private static bool IsOpaqueChannel(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty("channel", out var c) && c.GetString() is "subscriptionResponse" or "user" or "allMids" or "notification" or "error";
    }

    private string Write(JsonNode? node, bool opaque)
    {
        var s = new StringBuilder();
        Write(node, s, opaque, top: true);
        return s.ToString();
    }

    private void Write(JsonNode? node, StringBuilder s, bool opaque, bool top = false)
    {
        switch (node)
        {
            case JsonObject o:
                var members = o.Select(p => (p.Key, Value: (JsonNode?)p.Value, Known: true)).ToList();
                // The top level's data is opaque for payload channels; other objects there can grow.
                if (addUnknownFields && !opaque)
                    for (var k = random.Next(3); k > 0; k--) members.Add(($"zz{random.Next(1000)}", RandomValue(2), false));
                Shuffle(members);
                s.Append('{');
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0) s.Append(Ws()).Append(',');
                    s.Append(Ws());
                    WriteString(members[i].Key, s, escape: escapeStrings && random.Next(4) == 0);
                    s.Append(Ws()).Append(':').Append(Ws());
                    var childOpaque = opaque || Opaque.Contains(members[i].Key) || (top && opaque);
                    if (members[i].Known) Write(members[i].Value, s, childOpaque && !(top && members[i].Key == "channel"));
                    else s.Append(members[i].Value?.ToJsonString() ?? "null");
                }
                s.Append(Ws()).Append('}');
                break;
            case JsonArray a:
                s.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0) s.Append(Ws()).Append(',');
                    s.Append(Ws());
                    Write(a[i], s, opaque);
                }
                s.Append(Ws()).Append(']');
                break;
            case null:
                s.Append("null");
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                WriteString(v.GetValue<string>(), s, escape: escapeStrings && random.Next(3) == 0);
                break;
            default:
                s.Append(node.ToJsonString());
                break;
        }
    }

    private void WriteString(string text, StringBuilder s, bool escape)
    {
        s.Append('"');
        foreach (var ch in text)
        {
            if (escape || ch is '"' or '\\' || ch < ' ' || ch > '~') s.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
            else s.Append(ch);
        }
        s.Append('"');
    }

    /// <summary>An unknown field's value: anything JSON allows, with brackets and escapes inside strings to trip a naive skipper.</summary>
    private JsonNode? RandomValue(int depth) => random.Next(depth > 0 ? 8 : 5) switch
    {
        0 => JsonValue.Create("}]{[\"\\ \u00e9" + random.Next()),
        1 => JsonValue.Create(random.NextDouble() * 1e12),
        2 => JsonValue.Create(random.Next(2) == 0),
        3 => null,
        4 => JsonValue.Create(-random.NextInt64()),
        5 => new JsonArray(RandomValue(depth - 1), RandomValue(depth - 1)),
        _ => new JsonObject { ["px"] = RandomValue(depth - 1), ["coin"] = JsonValue.Create("ETH"), ["levels"] = new JsonArray() },
    };

    private string Ws() => Whitespace[random.Next(Whitespace.Length)];

    private void Shuffle<T>(List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
