using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HlScalper.Engine.Events;
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
        for (var i = 0; i < batch.Count; i++) lines.Add(EventText.Of(in batch[i]));
        return string.Join("\n", lines);
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
