using System.Text;
using System.Text.Json;
using HlScalper.Engine.Numbers;
using HlScalper.Protocol.Actions;

namespace HlScalper.Protocol.Codec;

/// <summary>The reference reading of a post answer's <c>response</c> (<see cref="Utf8JsonReader"/>, escapes understood): the oracle for <see cref="HlFastPostReply"/>.</summary>
/// <remarks>
/// Called on a message the reference parser has already read as valid JSON, so it never throws: an answer of a shape it does not
/// know is <see cref="PostReplyKind.Unreadable"/>, and the message stays a valid post (its orders are then treated as refused, as
/// before). The last occurrence of a repeated key counts. Off the hot path: clarity wins over allocation here.
/// </remarks>
internal static class HlReferencePostReply
{
    public static void Read(ReadOnlySpan<byte> json, Range response, StatusBatch statuses, ref ParseOutcome outcome)
    {
        statuses.Clear();
        if (TryRead(json, response, statuses, ref outcome)) return;
        statuses.Clear();
        outcome.Reply = PostReplyKind.Unreadable;
        outcome.ResponseType = default;
        outcome.Refusal = default;
        outcome.ReplyText = default;
    }

    private static bool TryRead(ReadOnlySpan<byte> json, Range response, StatusBatch statuses, ref ParseOutcome outcome)
    {
        Span<Range> m = stackalloc Range[2];
        if (!Members(json, response, m, ["type", "payload"], [IsText, null]) || !TryText(json, m[0], out var type)) return false;
        switch (type)
        {
            case "action":
                return Present(m[1]) && TryReadAction(json, m[1], statuses, ref outcome);
            case "error":
                return Present(m[1]) && TryReadText(json, m[1], PostReplyKind.Error, ref outcome);
            default:
                outcome.Reply = PostReplyKind.Other;
                return true;
        }
    }

    private static bool TryReadAction(ReadOnlySpan<byte> json, Range payload, StatusBatch statuses, ref ParseOutcome outcome)
    {
        Span<Range> m = stackalloc Range[2];
        if (!Members(json, payload, m, ["status", "response"], [IsText, null]) || !TryText(json, m[0], out var status) || !Present(m[1])) return false;
        return status switch
        {
            "err" => TryReadText(json, m[1], PostReplyKind.Refused, ref outcome),
            "ok" => TryReadAccepted(json, m[1], statuses, ref outcome),
            _ => false,
        };
    }

    private static bool TryReadAccepted(ReadOnlySpan<byte> json, Range response, StatusBatch statuses, ref ParseOutcome outcome)
    {
        Span<Range> m = stackalloc Range[2];
        if (!Members(json, response, m, ["type", "data"], [IsText, null]) || !TryText(json, m[0], out var type)) return false;
        ExchangeResponseType kind;
        switch (type)
        {
            case "order":
                kind = ExchangeResponseType.Order;
                break;
            case "cancel":
                kind = ExchangeResponseType.Cancel;
                break;
            case "default":
                kind = ExchangeResponseType.Default;
                break;
            default:
                return false;
        }
        if (kind != ExchangeResponseType.Default)
        {
            Span<Range> data = stackalloc Range[1];
            if (!Present(m[1]) || !Members(json, m[1], data, ["statuses"], [null]) || !Present(data[0])) return false;
            if (!TryReadStatuses(json, data[0], statuses)) return false;
        }
        outcome.Reply = PostReplyKind.Statuses;
        outcome.ResponseType = kind;
        return true;
    }

    private static bool TryReadStatuses(ReadOnlySpan<byte> json, Range list, StatusBatch statuses)
    {
        var offset = list.Start.Value;
        var r = new Utf8JsonReader(json[list]);
        r.Read();
        if (r.TokenType != JsonTokenType.StartArray) return false;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            var start = offset + (int)r.TokenStartIndex;
            r.Skip();
            if (!TryReadStatus(json, start..(offset + (int)r.BytesConsumed), ref statuses.Add())) return false;
        }
        return true;
    }

    private static bool TryReadStatus(ReadOnlySpan<byte> json, Range value, ref ActionStatus s)
    {
        if (TryText(json, value, out var word))
        {
            switch (word)
            {
                case "success":
                    s.Kind = ActionStatusKind.Success;
                    break;
                case "waitingForFill" or "waitingForTrigger":
                    s.Kind = ActionStatusKind.Waiting;
                    break;
                default:
                    s.Kind = ActionStatusKind.Error;
                    s.Refusal = HlRefusalTexts.Classify(Encoding.UTF8.GetBytes(word));
                    break;
            }
            return true;
        }
        Span<Range> m = stackalloc Range[3];
        if (!Members(json, value, m, ["resting", "filled", "error"], [null, null, null])) return false;
        if (Present(m[0]))
        {
            Span<Range> resting = stackalloc Range[1];
            s.Kind = ActionStatusKind.Resting;
            return Members(json, m[0], resting, ["oid"], [IsInt64]) && TryInt64(json, resting[0], out s.Oid);
        }
        if (Present(m[1]))
        {
            Span<Range> filled = stackalloc Range[3];
            s.Kind = ActionStatusKind.Filled;
            if (!Members(json, m[1], filled, ["oid", "totalSz", "avgPx"], [IsInt64, IsFixed8, IsFixed8]) || !TryInt64(json, filled[0], out s.Oid)
                || !TryFixed8(json, filled[1], out var sz) || !TryFixed8(json, filled[2], out var px)) return false;
            s.TotalSz = new Sz(sz);
            s.AvgPx = new Px(px);
            return true;
        }
        if (!Present(m[2]) || !TryText(json, m[2], out var error)) return false;
        s.Kind = ActionStatusKind.Error;
        s.Refusal = HlRefusalTexts.Classify(Encoding.UTF8.GetBytes(error));
        return true;
    }

    /// <summary>A refusal text: a string (the text between its quotes, still escaped), or any other value, whose raw JSON stands for the text.</summary>
    private static bool TryReadText(ReadOnlySpan<byte> json, Range value, PostReplyKind kind, ref ParseOutcome outcome)
    {
        if (TryText(json, value, out var text))
        {
            outcome.Refusal = HlRefusalTexts.Classify(Encoding.UTF8.GetBytes(text));
            outcome.ReplyText = (value.Start.Value + 1)..(value.End.Value - 1);
        }
        else
        {
            outcome.Refusal = HlRefusalTexts.Classify(json[value]);
            outcome.ReplyText = value;
        }
        outcome.Reply = kind;
        return true;
    }

    private static bool Present(Range r) => !r.Equals(default(Range));

    /// <summary>Checks one occurrence of a value (a reader that keeps nothing).</summary>
    private delegate bool Check(ReadOnlySpan<byte> json, Range value);

    private static readonly Check IsText = (json, value) => TryText(json, value, out _);
    private static readonly Check IsInt64 = (json, value) => TryInt64(json, value, out _);
    private static readonly Check IsFixed8 = (json, value) => TryFixed8(json, value, out _);

    /// <summary>
    /// Where the value of each named member of the object at <paramref name="obj"/> lies (the last occurrence); false when it is no
    /// object, or when any occurrence of a member fails its check: a value the fast scanner reads must be valid every time it appears.
    /// </summary>
    private static bool Members(ReadOnlySpan<byte> json, Range obj, Span<Range> found, ReadOnlySpan<string> names, ReadOnlySpan<Check?> checks)
    {
        found.Clear();
        var offset = obj.Start.Value;
        var r = new Utf8JsonReader(json[obj]);
        r.Read();
        if (r.TokenType != JsonTokenType.StartObject) return false;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var index = -1;
            for (var i = 0; i < names.Length; i++)
                if (r.ValueTextEquals(names[i])) index = i;
            r.Read();
            var start = offset + (int)r.TokenStartIndex;
            r.Skip();
            if (index < 0) continue;
            found[index] = start..(offset + (int)r.BytesConsumed);
            if (checks[index] is { } check && !check(json, found[index])) return false;
        }
        return true;
    }

    private static bool TryText(ReadOnlySpan<byte> json, Range value, out string text)
    {
        text = "";
        if (!Present(value)) return false;
        var r = new Utf8JsonReader(json[value]);
        r.Read();
        if (r.TokenType != JsonTokenType.String) return false;
        text = r.GetString()!;
        return true;
    }

    private static bool TryInt64(ReadOnlySpan<byte> json, Range value, out long number)
    {
        number = 0;
        if (!Present(value)) return false;
        var r = new Utf8JsonReader(json[value]);
        r.Read();
        return r.TokenType == JsonTokenType.Number && r.TryGetInt64(out number);
    }

    private static bool TryFixed8(ReadOnlySpan<byte> json, Range value, out long raw)
    {
        raw = 0;
        return TryText(json, value, out var text) && DecimalScanner.TryParse(Encoding.UTF8.GetBytes(text), out raw);
    }
}
