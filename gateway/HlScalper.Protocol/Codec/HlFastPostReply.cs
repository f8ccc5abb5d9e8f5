using HlScalper.Engine.Numbers;
using HlScalper.Protocol.Actions;

namespace HlScalper.Protocol.Codec;

/// <summary>The fast scanner's reading of a post answer's <c>response</c>: statuses straight into <see cref="StatusBatch"/>, no strings, no allocation.</summary>
/// <remarks>
/// Keys may come in any order (a type decides how its payload reads, so payloads are found first and read after);
/// a repeated key counts by its last occurrence, as in <see cref="HlReferencePostReply"/>. Anything it does not
/// recognise (escaped text, a status of another shape, a number where text belongs) returns false and the whole
/// message goes to the reference parser, which reads it or calls it <see cref="PostReplyKind.Unreadable"/>.
/// </remarks>
internal static class HlFastPostReply
{
    public static bool TryRead(JsonCursor c, StatusBatch statuses, ref ParseOutcome outcome)
    {
        if (!TryTwoMembers(ref c, "type"u8, "payload"u8, out var type, out var payloadAt)) return false;
        if (type.SequenceEqual("action"u8))
            return payloadAt >= 0 && TryReadAction(c.At(payloadAt), statuses, ref outcome);
        if (type.SequenceEqual("error"u8))
            return payloadAt >= 0 && TryReadText(c.At(payloadAt), PostReplyKind.Error, ref outcome);
        outcome.Reply = PostReplyKind.Other;
        return true;
    }

    /// <summary>The <c>/exchange</c> answer: <c>{"status":"ok"|"err","response":…}</c>.</summary>
    private static bool TryReadAction(JsonCursor c, StatusBatch statuses, ref ParseOutcome outcome)
    {
        if (!TryTwoMembers(ref c, "status"u8, "response"u8, out var status, out var responseAt) || responseAt < 0) return false;
        if (status.SequenceEqual("err"u8)) return TryReadText(c.At(responseAt), PostReplyKind.Refused, ref outcome);
        return status.SequenceEqual("ok"u8) && TryReadAccepted(c.At(responseAt), statuses, ref outcome);
    }

    /// <summary><c>{"type":"order"|"cancel","data":{"statuses":[…]}}</c> or <c>{"type":"default"}</c>.</summary>
    private static bool TryReadAccepted(JsonCursor c, StatusBatch statuses, ref ParseOutcome outcome)
    {
        if (!TryTwoMembers(ref c, "type"u8, "data"u8, out var type, out var dataAt)) return false;
        ExchangeResponseType kind;
        if (type.SequenceEqual("order"u8)) kind = ExchangeResponseType.Order;
        else if (type.SequenceEqual("cancel"u8)) kind = ExchangeResponseType.Cancel;
        else if (type.SequenceEqual("default"u8)) kind = ExchangeResponseType.Default;
        else return false;
        if (kind != ExchangeResponseType.Default)
        {
            if (dataAt < 0) return false;
            var data = c.At(dataAt);
            if (!TryTwoMembers(ref data, default, "statuses"u8, out _, out var listAt) || listAt < 0) return false;
            if (!TryReadStatuses(c.At(listAt), statuses)) return false;
        }
        outcome.Reply = PostReplyKind.Statuses;
        outcome.ResponseType = kind;
        return true;
    }

    private static bool TryReadStatuses(JsonCursor c, StatusBatch statuses)
    {
        if (!c.TryConsume((byte)'[')) return false;
        var first = true;
        int step;
        while ((step = c.NextElement(ref first)) == 1)
            if (!TryReadStatus(ref c, ref statuses.Add())) return false;
        return step == 0;
    }

    /// <summary>A bare string (<c>"success"</c>, <c>"waitingForFill"</c>, …) or an object with <c>resting</c>, <c>filled</c> or <c>error</c>, in that precedence.</summary>
    private static bool TryReadStatus(ref JsonCursor c, ref ActionStatus s)
    {
        if (c.Peek() == (byte)'"')
        {
            if (!c.TryReadString(out var word)) return false;
            if (word.SequenceEqual("success"u8)) s.Kind = ActionStatusKind.Success;
            else if (word.SequenceEqual("waitingForFill"u8) || word.SequenceEqual("waitingForTrigger"u8)) s.Kind = ActionStatusKind.Waiting;
            else Refuse(ref s, word);
            return true;
        }
        if (!c.TryConsume((byte)'{')) return false;
        int restingAt = -1, filledAt = -1, errorAt = -1;
        var first = true;
        int step;
        while ((step = c.NextKey(ref first, out var key)) == 1)
        {
            var ok = key.Length switch
            {
                7 when key.SequenceEqual("resting"u8) => c.TrySkipValue(out restingAt),
                6 when key.SequenceEqual("filled"u8) => c.TrySkipValue(out filledAt),
                5 when key.SequenceEqual("error"u8) => c.TrySkipValue(out errorAt),
                _ => c.TrySkipValue(),
            };
            if (!ok) return false;
        }
        if (step != 0) return false;
        if (restingAt >= 0) return TryReadResting(c.At(restingAt), ref s);
        if (filledAt >= 0) return TryReadFilled(c.At(filledAt), ref s);
        if (errorAt < 0) return false;
        var text = c.At(errorAt);
        if (!text.TryReadString(out var error)) return false;
        Refuse(ref s, error);
        return true;
    }

    private static void Refuse(ref ActionStatus s, ReadOnlySpan<byte> text)
    {
        s.Kind = ActionStatusKind.Error;
        s.Refusal = HlRefusalTexts.Classify(text);
    }

    private static bool TryReadResting(JsonCursor c, ref ActionStatus s)
    {
        if (!c.TryConsume((byte)'{')) return false;
        var hasOid = false;
        var first = true;
        int step;
        while ((step = c.NextKey(ref first, out var key)) == 1)
        {
            if (key.SequenceEqual("oid"u8))
            {
                if (!c.TryReadInt64(out s.Oid)) return false;
                hasOid = true;
            }
            else if (!c.TrySkipValue()) return false;
        }
        s.Kind = ActionStatusKind.Resting;
        return step == 0 && hasOid;
    }

    private static bool TryReadFilled(JsonCursor c, ref ActionStatus s)
    {
        if (!c.TryConsume((byte)'{')) return false;
        const int Oid = 1, TotalSz = 2, AvgPx = 4, All = 7;
        var seen = 0;
        var first = true;
        int step;
        while ((step = c.NextKey(ref first, out var key)) == 1)
        {
            switch (key.Length)
            {
                case 3 when key.SequenceEqual("oid"u8):
                    if (!c.TryReadInt64(out s.Oid)) return false;
                    seen |= Oid;
                    break;
                case 7 when key.SequenceEqual("totalSz"u8):
                    if (!c.TryReadFixed8(out var sz)) return false;
                    s.TotalSz = new Sz(sz);
                    seen |= TotalSz;
                    break;
                case 5 when key.SequenceEqual("avgPx"u8):
                    if (!c.TryReadFixed8(out var px)) return false;
                    s.AvgPx = new Px(px);
                    seen |= AvgPx;
                    break;
                default:
                    if (!c.TrySkipValue()) return false;
                    break;
            }
        }
        s.Kind = ActionStatusKind.Filled;
        return step == 0 && seen == All;
    }

    /// <summary>An unescaped string: the refusal text of a whole action or a server error.</summary>
    private static bool TryReadText(JsonCursor c, PostReplyKind kind, ref ParseOutcome outcome)
    {
        if (c.Peek() != (byte)'"') return false;
        var start = c.Position;
        if (!c.TryReadString(out var text)) return false;
        outcome.Reply = kind;
        outcome.Refusal = HlRefusalTexts.Classify(text);
        outcome.ReplyText = (start + 1)..(c.Position - 1);
        return true;
    }

    /// <summary>Reads an object for two keys: <paramref name="word"/>'s value as unescaped text (none wanted when empty) and where <paramref name="value"/>'s value starts (-1 when absent); the last occurrence of each counts.</summary>
    private static bool TryTwoMembers(ref JsonCursor c, ReadOnlySpan<byte> word, ReadOnlySpan<byte> value, out ReadOnlySpan<byte> text, out int valueAt)
    {
        text = default;
        valueAt = -1;
        if (!c.TryConsume((byte)'{')) return false;
        var hasText = word.IsEmpty;
        var first = true;
        int step;
        while ((step = c.NextKey(ref first, out var key)) == 1)
        {
            if (!word.IsEmpty && key.SequenceEqual(word))
            {
                if (!c.TryReadString(out text)) return false;
                hasText = true;
            }
            else if (key.SequenceEqual(value))
            {
                if (!c.TrySkipValue(out valueAt)) return false;
            }
            else if (!c.TrySkipValue()) return false;
        }
        return step == 0 && hasText;
    }
}
