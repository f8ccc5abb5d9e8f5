using System.Text;
using System.Text.Json;
using HlScalper.Engine.Numbers;
using HlScalper.Protocol.Codec;

namespace HlScalper.Protocol.Actions;

/// <summary>A parsed <c>/exchange</c> response (§10.3) of an accepted action; a refused one is an <see cref="ExchangeRejectedException"/>.</summary>
public sealed class ExchangeResponse(ExchangeResponseType type, ActionStatus[] statuses)
{
    public ExchangeResponseType Type { get; } = type;

    /// <summary>In request order; one entry can stand for a whole batch refused in pre-validation.</summary>
    public ActionStatus[] Statuses { get; } = statuses;

    /// <summary>Parses the response JSON; throws <see cref="ExchangeRejectedException"/> for <c>status:"err"</c> and <see cref="ExchangeTransportException"/> for anything malformed.</summary>
    public static ExchangeResponse Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            return Parse(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new ExchangeTransportException($"malformed exchange response: {e.Message} ({Preview(json)})", e);
        }
    }

    public static ExchangeResponse Parse(JsonElement root)
    {
        var status = root.GetProperty("status").GetString();
        if (status == "err")
        {
            var response = root.GetProperty("response");
            throw new ExchangeRejectedException(response.ValueKind == JsonValueKind.String ? response.GetString()! : response.GetRawText());
        }
        if (status != "ok") throw new FormatException($"status '{status}' is neither ok nor err");
        var body = root.GetProperty("response");
        var type = body.GetProperty("type").GetString() switch
        {
            "order" => ExchangeResponseType.Order,
            "cancel" => ExchangeResponseType.Cancel,
            "default" => ExchangeResponseType.Default,
            var other => throw new FormatException($"unknown response type '{other}'"),
        };
        if (type == ExchangeResponseType.Default) return new ExchangeResponse(type, []);
        var statuses = body.GetProperty("data").GetProperty("statuses");
        var result = new ActionStatus[statuses.GetArrayLength()];
        var i = 0;
        foreach (var s in statuses.EnumerateArray()) result[i++] = Status(s);
        return new ExchangeResponse(type, result);
    }

    private static ActionStatus Status(JsonElement s)
    {
        if (s.ValueKind == JsonValueKind.String)
        {
            return s.GetString() switch
            {
                "success" => new ActionStatus { Kind = ActionStatusKind.Success },
                "waitingForFill" or "waitingForTrigger" => new ActionStatus { Kind = ActionStatusKind.Waiting },
                var other => Refused(other),
            };
        }
        if (s.TryGetProperty("resting", out var resting))
            return new ActionStatus { Kind = ActionStatusKind.Resting, Oid = resting.GetProperty("oid").GetInt64() };
        if (s.TryGetProperty("filled", out var filled))
        {
            return new ActionStatus
            {
                Kind = ActionStatusKind.Filled,
                Oid = filled.GetProperty("oid").GetInt64(),
                TotalSz = Sz.Parse(filled.GetProperty("totalSz").GetString()!),
                AvgPx = Px.Parse(filled.GetProperty("avgPx").GetString()!),
            };
        }
        if (s.TryGetProperty("error", out var error)) return Refused(error.GetString());
        throw new FormatException($"unknown status {s.GetRawText()}");
    }

    private static ActionStatus Refused(string? text) =>
        new() { Kind = ActionStatusKind.Error, Error = text, Refusal = HlRefusalTexts.Classify(Encoding.UTF8.GetBytes(text ?? "")) };

    private static string Preview(ReadOnlySpan<byte> json) =>
        json.Length > 120 ? Encoding.UTF8.GetString(json[..120]) + "…" : Encoding.UTF8.GetString(json);
}
