using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HlScalper.Engine.Events;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Codec;

namespace HlScalper.Protocol.Tests;

/// <summary>Runs the fast scanner or the reference parser alone and renders everything they produced as text, so the two compare directly.</summary>
public static class ParserRuns
{
    public static (bool Recognised, string Result) Fast(ReadOnlySpan<byte> message, CoinTable coins)
    {
        var batch = new EventBatch();
        var outcome = default(ParseOutcome);
        var ok = HlFastParser.TryParse(message, coins, batch, ref outcome);
        return (ok, ok ? Render(batch, outcome, message) : "not recognised");
    }

    public static string Reference(ReadOnlySpan<byte> message, CoinTable coins)
    {
        var batch = new EventBatch();
        var outcome = default(ParseOutcome);
        try
        {
            HlReferenceParser.Parse(message, coins, batch, ref outcome);
        }
        catch (System.Text.Json.JsonException e)
        {
            return "rejected: " + e.Message;
        }
        return Render(batch, outcome, message);
    }

    /// <summary>What the message means, independent of its formatting: events, kind, post id, and the payload in canonical JSON.</summary>
    internal static string Render(EventBatch batch, ParseOutcome outcome, ReadOnlySpan<byte> message)
    {
        var lines = new List<string> { $"{outcome.Kind} post={outcome.PostId} unknownCoins={outcome.UnknownCoins} payload={CanonicalPayload(outcome, message)}" };
        if (outcome.Kind == HlMessageKind.Post)
            lines.Add($"reply={outcome.Reply} type={outcome.ResponseType} refusal={outcome.Refusal} text={ReplyText(outcome.ReplyText, message)}");
        for (var i = 0; i < batch.Statuses.Count; i++) lines.Add(StatusText(in batch.Statuses[i]));
        for (var i = 0; i < batch.Count; i++) lines.Add(EventText.Of(in batch[i]));
        return string.Join("\n", lines);
    }

    public static string StatusText(in ActionStatus s) => $"status {s.Kind} oid={s.Oid} sz={s.TotalSz.Raw} px={s.AvgPx.Raw} refusal={s.Refusal}";

    /// <summary>A refusal text as it reads (escapes decoded), or a non-string value in canonical JSON.</summary>
    private static string ReplyText(Range range, ReadOnlySpan<byte> message)
    {
        if (range.Equals(default(Range))) return "";
        var start = range.Start.Value;
        if (start > 0 && message[start - 1] == (byte)'"')
            return JsonSerializer.Deserialize<string>("\"" + Encoding.UTF8.GetString(message[range]) + "\"")!;
        return Canonical(JsonNode.Parse(message[range]));
    }

    private static string CanonicalPayload(ParseOutcome outcome, ReadOnlySpan<byte> message)
    {
        var payload = message[outcome.Payload];
        if (payload.IsEmpty) return "";
        if (outcome.Kind == HlMessageKind.Error)
            return JsonSerializer.Deserialize<string>("\"" + Encoding.UTF8.GetString(payload) + "\"")!;
        return Canonical(JsonNode.Parse(payload));
    }

    /// <summary>JSON with object keys sorted, so reordered keys and whitespace compare equal.</summary>
    public static string Canonical(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
