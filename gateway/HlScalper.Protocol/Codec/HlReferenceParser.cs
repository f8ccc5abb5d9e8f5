using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;

namespace HlScalper.Protocol.Codec;

/// <summary>The reference parser: <see cref="Utf8JsonReader"/>, full JSON validation, escapes understood; the same events as <see cref="HlFastParser"/>.</summary>
/// <remarks>
/// It handles whatever the fast scanner declines and is the oracle the property tests compare the fast
/// scanner against. Throws <see cref="JsonException"/> (and nothing else) for invalid JSON or a value of the
/// wrong shape; off the hot path, so clarity wins over speed here. The language both parsers accept is
/// RFC 8259 JSON that is valid UTF-8 throughout and whose escapes decode to valid Unicode (no lone
/// surrogate, even in a value nobody reads); <see cref="Utf8JsonReader"/> alone checks neither.
/// </remarks>
internal static class HlReferenceParser
{
    public static void Parse(ReadOnlySpan<byte> json, CoinTable coins, EventBatch batch, ref ParseOutcome outcome)
    {
        CheckText(json);
        var r = new Utf8JsonReader(json);
        Read(ref r);
        Expect(ref r, JsonTokenType.StartObject, "a message");
        var kind = HlMessageKind.Malformed;
        var channelSeen = false;
        Range data = default;
        var hasData = false;
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("channel"u8))
            {
                Read(ref r);
                if (channelSeen) throw new JsonException("'channel' appears twice");
                kind = HlChannel.Classify(StringBytes(ref r));
                channelSeen = true;
            }
            else if (r.ValueTextEquals("data"u8) && !hasData)
            {
                Read(ref r);
                var start = (int)r.TokenStartIndex;
                r.Skip();
                data = start..(int)r.BytesConsumed;
                hasData = true;
            }
            else SkipValue(ref r);
        }
        if (r.Read()) throw new JsonException("data after the message");
        if (!channelSeen) throw new JsonException("no 'channel'");
        outcome.Kind = kind;
        if (!hasData)
        {
            if (kind is HlMessageKind.Pong or HlMessageKind.Ignored) return;
            throw new JsonException($"channel {kind} without 'data'");
        }

        var offset = data.Start.Value;
        var d = new Utf8JsonReader(json[data]);
        Read(ref d);
        switch (kind)
        {
            case HlMessageKind.L2Book:
                ParseBook(ref d, coins, batch, ref outcome);
                break;
            case HlMessageKind.Bbo:
                ParseBbo(ref d, coins, batch, ref outcome);
                break;
            case HlMessageKind.Trades:
                Expect(ref d, JsonTokenType.StartArray, "trades");
                while (NextElement(ref d)) ParseTrade(ref d, coins, batch, ref outcome);
                break;
            case HlMessageKind.OrderUpdates:
                Expect(ref d, JsonTokenType.StartArray, "orderUpdates");
                while (NextElement(ref d)) ParseOrderUpdate(ref d, coins, batch, ref outcome);
                break;
            case HlMessageKind.UserFills:
                ParseUserFills(ref d, coins, batch, ref outcome);
                break;
            case HlMessageKind.Post:
                ParsePost(ref d, offset, ref outcome);
                HlReferencePostReply.Read(json, outcome.Payload, batch.Statuses, ref outcome);
                break;
            case HlMessageKind.Error:
                Expect(ref d, JsonTokenType.String, "error data");
                outcome.Payload = (offset + 1)..(offset + 1 + d.ValueSpan.Length);
                break;
            default:
                outcome.Payload = data;
                break;
        }
    }

    private static void ParseBook(ref Utf8JsonReader r, CoinTable coins, EventBatch batch, ref ParseOutcome outcome)
    {
        Expect(ref r, JsonTokenType.StartObject, "l2Book data");
        ref var e = ref batch.Add(EventKind.Book);
        int? coin = null;
        bool hasTime = false, hasLevels = false;
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("coin"u8)) coin = ReadCoin(ref r, coins);
            else if (r.ValueTextEquals("time"u8))
            {
                e.ExchangeTimeMs = ReadInt64(ref r);
                hasTime = true;
            }
            else if (r.ValueTextEquals("levels"u8))
            {
                Read(ref r);
                Expect(ref r, JsonTokenType.StartArray, "levels");
                Read(ref r);
                ReadSide(ref r, ref e.Bids, out e.BidCount);
                Read(ref r);
                ReadSide(ref r, ref e.Asks, out e.AskCount);
                Read(ref r);
                Expect(ref r, JsonTokenType.EndArray, "the end of levels (exactly two sides)");
                hasLevels = true;
            }
            else SkipValue(ref r);
        }
        Require(coin.HasValue && hasTime && hasLevels, "l2Book needs coin, time and levels");
        KeepIfKnown(batch, ref e, coin!.Value, ref outcome);
    }

    private static void ParseBbo(ref Utf8JsonReader r, CoinTable coins, EventBatch batch, ref ParseOutcome outcome)
    {
        Expect(ref r, JsonTokenType.StartObject, "bbo data");
        ref var e = ref batch.Add(EventKind.Bbo);
        int? coin = null;
        bool hasTime = false, hasBbo = false;
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("coin"u8)) coin = ReadCoin(ref r, coins);
            else if (r.ValueTextEquals("time"u8))
            {
                e.ExchangeTimeMs = ReadInt64(ref r);
                hasTime = true;
            }
            else if (r.ValueTextEquals("bbo"u8))
            {
                Read(ref r);
                Expect(ref r, JsonTokenType.StartArray, "bbo");
                Read(ref r);
                e.BidCount = ReadOptionalLevel(ref r, ref e.Bids[0]);
                Read(ref r);
                e.AskCount = ReadOptionalLevel(ref r, ref e.Asks[0]);
                Read(ref r);
                Expect(ref r, JsonTokenType.EndArray, "the end of bbo (exactly two sides)");
                hasBbo = true;
            }
            else SkipValue(ref r);
        }
        Require(coin.HasValue && hasTime && hasBbo, "bbo needs coin, time and bbo");
        KeepIfKnown(batch, ref e, coin!.Value, ref outcome);
    }

    private static byte ReadOptionalLevel(ref Utf8JsonReader r, ref BookLevel level)
    {
        if (r.TokenType == JsonTokenType.Null) return 0;
        ReadLevel(ref r, ref level);
        return 1;
    }

    private static void ReadSide(ref Utf8JsonReader r, ref BookLevels levels, out byte count)
    {
        count = 0;
        Expect(ref r, JsonTokenType.StartArray, "a book side");
        BookLevel dropped = default;
        while (true)
        {
            Read(ref r);
            if (r.TokenType == JsonTokenType.EndArray) return;
            if (count < BookLevels.Capacity) ReadLevel(ref r, ref levels[count++]);
            else ReadLevel(ref r, ref dropped);
        }
    }

    private static void ReadLevel(ref Utf8JsonReader r, ref BookLevel level)
    {
        Expect(ref r, JsonTokenType.StartObject, "a level");
        long? px = null, sz = null;
        long n = 0;
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("px"u8)) px = ReadFixed8(ref r);
            else if (r.ValueTextEquals("sz"u8)) sz = ReadFixed8(ref r);
            else if (r.ValueTextEquals("n"u8))
            {
                n = ReadInt64(ref r);
                Require(n is >= 0 and <= int.MaxValue, $"level count {n} out of range");
            }
            else SkipValue(ref r);
        }
        Require(px.HasValue && sz.HasValue, "a level needs px and sz");
        level = new BookLevel(new Px(px!.Value), new Sz(sz!.Value), (int)n);
    }

    private static void ParseTrade(ref Utf8JsonReader r, CoinTable coins, EventBatch batch, ref ParseOutcome outcome)
    {
        Expect(ref r, JsonTokenType.StartObject, "a trade");
        ref var e = ref batch.Add(EventKind.Trade);
        int? coin = null;
        bool side = false, px = false, sz = false, time = false, tid = false;
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("coin"u8)) coin = ReadCoin(ref r, coins);
            else if (r.ValueTextEquals("side"u8)) (e.Side, side) = (ReadSide(ref r), true);
            else if (r.ValueTextEquals("px"u8)) (e.Px, px) = (new Px(ReadFixed8(ref r)), true);
            else if (r.ValueTextEquals("sz"u8)) (e.Sz, sz) = (new Sz(ReadFixed8(ref r)), true);
            else if (r.ValueTextEquals("time"u8)) (e.ExchangeTimeMs, time) = (ReadInt64(ref r), true);
            else if (r.ValueTextEquals("tid"u8)) (e.Tid, tid) = (ReadInt64(ref r), true);
            else SkipValue(ref r);
        }
        Require(coin.HasValue && side && px && sz && time && tid, "a trade needs coin, side, px, sz, time and tid");
        KeepIfKnown(batch, ref e, coin!.Value, ref outcome);
    }

    private static void ParseOrderUpdate(ref Utf8JsonReader r, CoinTable coins, EventBatch batch, ref ParseOutcome outcome)
    {
        Expect(ref r, JsonTokenType.StartObject, "an order update");
        ref var e = ref batch.Add(EventKind.OrderUpdate);
        int? coin = null;
        bool status = false, time = false;
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("order"u8)) coin = ParseOrder(ref r, coins, ref e);
            else if (r.ValueTextEquals("status"u8))
            {
                Read(ref r);
                e.Status = HlOrderStatusNames.Parse(StringBytes(ref r));
                status = true;
            }
            else if (r.ValueTextEquals("statusTimestamp"u8)) (e.ExchangeTimeMs, time) = (ReadInt64(ref r), true);
            else SkipValue(ref r);
        }
        Require(coin.HasValue && status && time, "an order update needs order, status and statusTimestamp");
        KeepIfKnown(batch, ref e, coin!.Value, ref outcome);
    }

    private static int ParseOrder(ref Utf8JsonReader r, CoinTable coins, ref MarketEvent e)
    {
        Read(ref r);
        Expect(ref r, JsonTokenType.StartObject, "an order");
        int? coin = null;
        bool side = false, px = false, sz = false, oid = false;
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("coin"u8)) coin = ReadCoin(ref r, coins);
            else if (r.ValueTextEquals("side"u8)) (e.Side, side) = (ReadSide(ref r), true);
            else if (r.ValueTextEquals("limitPx"u8)) (e.Px, px) = (new Px(ReadFixed8(ref r)), true);
            else if (r.ValueTextEquals("sz"u8)) (e.Sz, sz) = (new Sz(ReadFixed8(ref r)), true);
            else if (r.ValueTextEquals("origSz"u8)) e.OrigSz = new Sz(ReadFixed8(ref r));
            else if (r.ValueTextEquals("oid"u8)) (e.Oid, oid) = (ReadInt64(ref r), true);
            else if (r.ValueTextEquals("timestamp"u8)) e.Value = ReadInt64(ref r);
            else if (r.ValueTextEquals("cloid"u8)) ReadCloid(ref r, ref e);
            else if (r.ValueTextEquals("reduceOnly"u8))
            {
                if (ReadBool(ref r)) e.Flags |= EventFlags.ReduceOnly;
            }
            else SkipValue(ref r);
        }
        Require(coin.HasValue && side && px && sz && oid, "an order needs coin, side, limitPx, sz and oid");
        return coin!.Value;
    }

    private static void ParseUserFills(ref Utf8JsonReader r, CoinTable coins, EventBatch batch, ref ParseOutcome outcome)
    {
        Expect(ref r, JsonTokenType.StartObject, "userFills data");
        var firstFill = batch.Count;
        var snapshot = false;
        var hasFills = false;
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("isSnapshot"u8)) snapshot = ReadBool(ref r);
            else if (r.ValueTextEquals("fills"u8))
            {
                Read(ref r);
                Expect(ref r, JsonTokenType.StartArray, "fills");
                while (NextElement(ref r)) ParseFill(ref r, coins, batch, ref outcome);
                hasFills = true;
            }
            else SkipValue(ref r);
        }
        Require(hasFills, "userFills needs fills");
        if (snapshot)
            for (var i = firstFill; i < batch.Count; i++) batch[i].Flags |= EventFlags.Snapshot;
    }

    private static void ParseFill(ref Utf8JsonReader r, CoinTable coins, EventBatch batch, ref ParseOutcome outcome)
    {
        Expect(ref r, JsonTokenType.StartObject, "a fill");
        ref var e = ref batch.Add(EventKind.Fill);
        int? coin = null;
        bool px = false, sz = false, side = false, time = false, oid = false, tid = false;
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("coin"u8)) coin = ReadCoin(ref r, coins);
            else if (r.ValueTextEquals("px"u8)) (e.Px, px) = (new Px(ReadFixed8(ref r)), true);
            else if (r.ValueTextEquals("sz"u8)) (e.Sz, sz) = (new Sz(ReadFixed8(ref r)), true);
            else if (r.ValueTextEquals("side"u8)) (e.Side, side) = (ReadSide(ref r), true);
            else if (r.ValueTextEquals("time"u8)) (e.ExchangeTimeMs, time) = (ReadInt64(ref r), true);
            else if (r.ValueTextEquals("startPosition"u8)) e.StartPosition = new Sz(ReadFixed8(ref r));
            else if (r.ValueTextEquals("closedPnl"u8)) e.ClosedPnl = ReadFixed8(ref r);
            else if (r.ValueTextEquals("oid"u8)) (e.Oid, oid) = (ReadInt64(ref r), true);
            else if (r.ValueTextEquals("crossed"u8))
            {
                if (ReadBool(ref r)) e.Flags |= EventFlags.Crossed;
            }
            else if (r.ValueTextEquals("fee"u8)) e.Fee = ReadFixed8(ref r);
            else if (r.ValueTextEquals("tid"u8)) (e.Tid, tid) = (ReadInt64(ref r), true);
            else if (r.ValueTextEquals("cloid"u8)) ReadCloid(ref r, ref e);
            else SkipValue(ref r);
        }
        Require(coin.HasValue && px && sz && side && time && oid && tid, "a fill needs coin, px, sz, side, time, oid and tid");
        KeepIfKnown(batch, ref e, coin!.Value, ref outcome);
    }

    private static void ParsePost(ref Utf8JsonReader r, int offset, ref ParseOutcome outcome)
    {
        Expect(ref r, JsonTokenType.StartObject, "post data");
        bool hasId = false, hasResponse = false;
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("id"u8)) (outcome.PostId, hasId) = (ReadInt64(ref r), true);
            else if (r.ValueTextEquals("response"u8))
            {
                Read(ref r);
                var start = offset + (int)r.TokenStartIndex;
                r.Skip();
                outcome.Payload = start..(offset + (int)r.BytesConsumed);
                hasResponse = true;
            }
            else SkipValue(ref r);
        }
        Require(hasId && hasResponse, "post data needs id and response");
    }

    private static void KeepIfKnown(EventBatch batch, ref MarketEvent e, int coin, ref ParseOutcome outcome)
    {
        if (coin == CoinTable.NotFound)
        {
            batch.RemoveLast();
            outcome.UnknownCoins++;
        }
        else e.Coin = (ushort)coin;
    }

    private static int ReadCoin(ref Utf8JsonReader r, CoinTable coins)
    {
        Read(ref r);
        return coins.Find(StringBytes(ref r));
    }

    private static Side ReadSide(ref Utf8JsonReader r)
    {
        Read(ref r);
        var text = StringBytes(ref r);
        if (text.SequenceEqual("B"u8)) return Side.Buy;
        if (text.SequenceEqual("A"u8)) return Side.Sell;
        throw new JsonException($"side '{Encoding.UTF8.GetString(text)}' is neither \"B\" nor \"A\"");
    }

    private static long ReadFixed8(ref Utf8JsonReader r)
    {
        Read(ref r);
        var text = StringBytes(ref r);
        if (DecimalScanner.TryParse(text, out var value)) return value;
        var error = Fixed8.TryParse(text, out _);
        throw new JsonException(error == Fixed8Error.None ? $"'{Encoding.UTF8.GetString(text)}' has a leading zero" : Fixed8.ParseException(text, error).Message);
    }

    private static long ReadInt64(ref Utf8JsonReader r)
    {
        Read(ref r);
        Expect(ref r, JsonTokenType.Number, "an integer");
        return r.TryGetInt64(out var value) ? value : throw new JsonException($"'{Encoding.UTF8.GetString(r.ValueSpan)}' is not a 64-bit integer");
    }

    private static bool ReadBool(ref Utf8JsonReader r)
    {
        Read(ref r);
        return r.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw new JsonException($"expected true or false, found {r.TokenType}"),
        };
    }

    private static void ReadCloid(ref Utf8JsonReader r, ref MarketEvent e)
    {
        Read(ref r);
        if (r.TokenType == JsonTokenType.Null) return;
        var text = StringBytes(ref r);
        if (!Cloid.TryParse(text, out e.Cloid)) throw new JsonException($"'{Encoding.UTF8.GetString(text)}' is not a cloid");
        e.Flags |= EventFlags.HasCloid;
    }

    /// <summary>The unescaped bytes of the current string token (copied only when it has escapes).</summary>
    private static ReadOnlySpan<byte> StringBytes(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.String, "a string");
        if (!r.ValueIsEscaped) return r.ValueSpan;
        var unescaped = new byte[r.ValueSpan.Length];
        return unescaped.AsSpan(0, Unescape(ref r, unescaped));
    }

    /// <summary>Valid UTF-8, and every escaped string or key (read or not) unescapes; the structure itself is checked as the message is read.</summary>
    private static void CheckText(ReadOnlySpan<byte> json)
    {
        var invalidAt = Utf8.IsValid(json) ? -1 : FirstInvalidUtf8(json);
        if (invalidAt >= 0) throw new JsonException($"not valid UTF-8 (byte {invalidAt})");
        var r = new Utf8JsonReader(json);
        byte[]? scratch = null;
        while (r.Read())
        {
            if (r.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !r.ValueIsEscaped) continue;
            if (scratch is null || scratch.Length < r.ValueSpan.Length) scratch = new byte[Math.Max(64, r.ValueSpan.Length)];
            Unescape(ref r, scratch);
        }
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> json)
    {
        for (var i = 0; i < json.Length;)
        {
            if (Rune.DecodeFromUtf8(json[i..], out _, out var used) != System.Buffers.OperationStatus.Done) return i;
            i += used;
        }
        return -1;
    }

    private static int Unescape(ref Utf8JsonReader r, byte[] into)
    {
        try
        {
            return r.CopyString(into);
        }
        catch (InvalidOperationException e)
        {
            // A lone surrogate escape (\uD800) is valid JSON syntax but no valid text.
            throw new JsonException($"a string escape is not valid Unicode: {e.Message}", e);
        }
    }

    private static bool NextProperty(ref Utf8JsonReader r)
    {
        Read(ref r);
        return r.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Moves to the next array element; false at the end of the array.</summary>
    private static bool NextElement(ref Utf8JsonReader r)
    {
        Read(ref r);
        return r.TokenType != JsonTokenType.EndArray;
    }

    private static void SkipValue(ref Utf8JsonReader r)
    {
        Read(ref r);
        r.Skip();
    }

    private static void Read(ref Utf8JsonReader r)
    {
        if (!r.Read()) throw new JsonException("the message ends early");
    }

    private static void Expect(ref Utf8JsonReader r, JsonTokenType type, string what)
    {
        if (r.TokenType != type) throw new JsonException($"expected {what} ({type}), found {r.TokenType}");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new JsonException(message);
    }
}
