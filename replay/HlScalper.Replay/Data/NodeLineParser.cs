using System.Text;
using System.Text.Json;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Protocol.Codec;

namespace HlScalper.Replay.Data;

/// <summary>Parses one line of node output (<c>{"local_time","block_time","block_number","events":[…]}</c>) and hands its events of one coin to a sink.</summary>
/// <remarks>
/// Key order is not assumed. The line is checked whole first (valid JSON, a block number and time, an
/// events list) so a bad line delivers nothing; then each event is parsed on its own, and one with a
/// missing field or a bad value is skipped and counted without costing the line.
/// </remarks>
public sealed class NodeLineParser(string coin)
{
    private readonly byte[] _coin = Encoding.UTF8.GetBytes(coin);

    private enum Outcome : byte
    {
        Ok,
        OtherCoin,
        Bad,
    }

    /// <summary>Events of the coin handed to the sink.</summary>
    public long Events { get; private set; }

    public long OtherCoinEvents { get; private set; }

    public long BadEvents { get; private set; }

    /// <summary>Block number of the last good line.</summary>
    public long LastBlock { get; private set; } = -1;

    /// <summary>Parses <paramref name="line"/>; null when it was a good envelope (its events delivered), else why it is bad (nothing delivered).</summary>
    public string? Parse(ReadOnlySpan<byte> line, NodeFileKind kind, INodeEventSink sink)
    {
        if (!TryReadEnvelope(line, out var block, out var events, out var error)) return error;
        LastBlock = block.Number;
        sink.OnLine(in block, kind);
        var list = new Utf8JsonReader(line[events..]);
        list.Read();
        while (list.Read() && list.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)list.TokenStartIndex;
            list.Skip();
            var element = line.Slice(events + start, (int)list.BytesConsumed - start);
            var outcome = ParseEvent(element, kind, in block, sink);
            if (outcome == Outcome.Ok) Events++;
            else if (outcome == Outcome.OtherCoin) OtherCoinEvents++;
            else BadEvents++;
        }
        return null;
    }

    /// <summary>"B" (bid, buy) or "A" (ask, sell).</summary>
    public static bool TryParseSide(ReadOnlySpan<byte> utf8, out Side side)
    {
        side = utf8 is [(byte)'A'] ? Side.Sell : Side.Buy;
        return utf8 is [(byte)'A'] or [(byte)'B'];
    }

    private static bool TryReadEnvelope(ReadOnlySpan<byte> line, out NodeBlock block, out int events, out string? error)
    {
        block = default;
        events = -1;
        error = null;
        long number = -1, blockNs = -1, localNs = 0;
        var reader = new Utf8JsonReader(line);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "not a JSON object";
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.ValueTextEquals("block_number"u8) ? 1 : reader.ValueTextEquals("block_time"u8) ? 2
                    : reader.ValueTextEquals("local_time"u8) ? 3 : reader.ValueTextEquals("events"u8) ? 4 : 0;
                reader.Read();
                switch (field)
                {
                    case 1 when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n) && n >= 0:
                        number = n;
                        break;
                    case 2 when reader.TokenType == JsonTokenType.String && NodeTime.TryParseNanos(reader.ValueSpan, out var ns):
                        blockNs = ns;
                        break;
                    case 3 when reader.TokenType == JsonTokenType.String && NodeTime.TryParseNanos(reader.ValueSpan, out var local):
                        localNs = local;
                        break;
                    case 4 when reader.TokenType == JsonTokenType.StartArray:
                        events = (int)reader.TokenStartIndex;
                        break;
                }
                reader.Skip();
            }
            reader.Read();
        }
        catch (JsonException e)
        {
            error = $"not valid JSON ({e.Message})";
            return false;
        }
        error = number < 0 ? "no integer block_number" : blockNs < 0 ? "no block_time timestamp" : events < 0 ? "no events list" : null;
        block = new NodeBlock(number, blockNs, localNs);
        return error is null;
    }

    private Outcome ParseEvent(ReadOnlySpan<byte> element, NodeFileKind kind, in NodeBlock block, INodeEventSink sink)
    {
        try
        {
            return kind switch
            {
                NodeFileKind.RawBookDiffs => Deliver(ParseDiff(element, in block, out var diff), sink, in diff),
                NodeFileKind.Fills => Deliver(ParseFill(element, in block, out var fill), sink, in fill),
                _ => Deliver(ParseStatus(element, in block, out var status), sink, in status),
            };
        }
        catch (JsonException)
        {
            // The line was valid JSON as a whole, so this is only a guard: an event that trips the reader is a bad event.
            return Outcome.Bad;
        }
    }

    private static Outcome Deliver(Outcome outcome, INodeEventSink sink, in NodeBookDiff diff)
    {
        if (outcome == Outcome.Ok) sink.OnBookDiff(in diff);
        return outcome;
    }

    private static Outcome Deliver(Outcome outcome, INodeEventSink sink, in NodeFill fill)
    {
        if (outcome == Outcome.Ok) sink.OnFill(in fill);
        return outcome;
    }

    private static Outcome Deliver(Outcome outcome, INodeEventSink sink, in NodeOrderStatus status)
    {
        if (outcome == Outcome.Ok) sink.OnOrderStatus(in status);
        return outcome;
    }

    /// <summary><c>{"user","oid","coin","side","px","raw_book_diff": {"new":{"sz"}} | {"update":{"origSz","newSz"}} | "remove"}</c></summary>
    private Outcome ParseDiff(ReadOnlySpan<byte> json, in NodeBlock block, out NodeBookDiff diff)
    {
        diff = default;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return Outcome.Bad;
        var coin = Outcome.Bad;
        bool hasOid = false, hasSide = false, hasPx = false, hasBody = false;
        long oid = 0, px = 0, size = 0, orig = 0;
        var side = Side.Buy;
        var kind = BookDiffKind.Remove;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("oid"u8)) hasOid = ReadLong(ref reader, out oid);
            else if (reader.ValueTextEquals("coin"u8)) coin = ReadCoin(ref reader);
            else if (reader.ValueTextEquals("side"u8)) hasSide = ReadSide(ref reader, out side);
            else if (reader.ValueTextEquals("px"u8)) hasPx = ReadDecimal(ref reader, out px) && px > 0;
            else if (reader.ValueTextEquals("raw_book_diff"u8))
            {
                if (!TryReadDiffBody(ref reader, out kind, out size, out orig)) return Outcome.Bad;
                hasBody = true;
            }
            else SkipValue(ref reader);
        }
        if (!(hasOid && hasSide && hasPx && hasBody) || coin == Outcome.Bad) return Outcome.Bad;
        diff = new NodeBookDiff(block, oid, side, px, kind, size, orig);
        return coin;
    }

    private static bool TryReadDiffBody(ref Utf8JsonReader reader, out BookDiffKind kind, out long size, out long orig)
    {
        kind = BookDiffKind.Remove;
        size = orig = 0;
        reader.Read();
        if (reader.TokenType == JsonTokenType.String) return reader.ValueTextEquals("remove"u8);
        if (reader.TokenType != JsonTokenType.StartObject || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName) return false;
        kind = reader.ValueTextEquals("new"u8) ? BookDiffKind.New : reader.ValueTextEquals("update"u8) ? BookDiffKind.Update : BookDiffKind.Remove;
        if (kind == BookDiffKind.Remove || !reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        bool hasSize = false, hasOrig = kind == BookDiffKind.New;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(kind == BookDiffKind.New ? "sz"u8 : "newSz"u8)) hasSize = ReadDecimal(ref reader, out size) && size >= 0;
            else if (kind == BookDiffKind.Update && reader.ValueTextEquals("origSz"u8)) hasOrig = ReadDecimal(ref reader, out orig) && orig > 0;
            else SkipValue(ref reader);
        }
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject) return false;
        return hasSize && hasOrig && (kind != BookDiffKind.New || size > 0);
    }

    /// <summary><c>["0xuser", {"coin","px","sz","side","time","oid","crossed","tid",…}]</c></summary>
    private Outcome ParseFill(ReadOnlySpan<byte> json, in NodeBlock block, out NodeFill fill)
    {
        fill = default;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType != JsonTokenType.String
            || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return Outcome.Bad;
        var coin = Outcome.Bad;
        bool hasPx = false, hasSz = false, hasSide = false, hasTime = false, hasOid = false, hasCrossed = false, hasTid = false, crossed = false;
        long px = 0, sz = 0, time = 0, oid = 0, tid = 0;
        var side = Side.Buy;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("coin"u8)) coin = ReadCoin(ref reader);
            else if (reader.ValueTextEquals("px"u8)) hasPx = ReadDecimal(ref reader, out px) && px > 0;
            else if (reader.ValueTextEquals("sz"u8)) hasSz = ReadDecimal(ref reader, out sz) && sz > 0;
            else if (reader.ValueTextEquals("side"u8)) hasSide = ReadSide(ref reader, out side);
            else if (reader.ValueTextEquals("time"u8)) hasTime = ReadLong(ref reader, out time);
            else if (reader.ValueTextEquals("oid"u8)) hasOid = ReadLong(ref reader, out oid);
            else if (reader.ValueTextEquals("tid"u8)) hasTid = ReadLong(ref reader, out tid);
            else if (reader.ValueTextEquals("crossed"u8))
            {
                reader.Read();
                hasCrossed = reader.TokenType is JsonTokenType.True or JsonTokenType.False;
                crossed = reader.TokenType == JsonTokenType.True;
                reader.Skip();
            }
            else SkipValue(ref reader);
        }
        if (!(hasPx && hasSz && hasSide && hasTime && hasOid && hasCrossed && hasTid) || coin == Outcome.Bad) return Outcome.Bad;
        fill = new NodeFill(block, time, oid, tid, side, px, sz, crossed);
        return coin;
    }

    /// <summary><c>{"time","user","hash","builder","status","order":{"coin","side","limitPx","sz","oid","timestamp","origSz",…}}</c></summary>
    private Outcome ParseStatus(ReadOnlySpan<byte> json, in NodeBlock block, out NodeOrderStatus status)
    {
        status = default;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return Outcome.Bad;
        var coin = Outcome.Bad;
        bool hasStatus = false, hasOrder = false, hasSide = false, hasPx = false, hasSz = false, hasOid = false, hasTime = false, hasOrig = false;
        var state = OrderStatus.Unknown;
        var side = Side.Buy;
        long px = 0, sz = 0, oid = 0, time = 0, orig = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                hasStatus = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped;
                if (hasStatus) state = HlOrderStatusNames.Parse(reader.ValueSpan);
                reader.Skip();
            }
            else if (reader.ValueTextEquals("order"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject) return Outcome.Bad;
                hasOrder = true;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("coin"u8)) coin = ReadCoin(ref reader);
                    else if (reader.ValueTextEquals("side"u8)) hasSide = ReadSide(ref reader, out side);
                    else if (reader.ValueTextEquals("limitPx"u8)) hasPx = ReadDecimal(ref reader, out px) && px >= 0;
                    else if (reader.ValueTextEquals("sz"u8)) hasSz = ReadDecimal(ref reader, out sz) && sz >= 0;
                    else if (reader.ValueTextEquals("origSz"u8)) hasOrig = ReadDecimal(ref reader, out orig) && orig >= 0;
                    else if (reader.ValueTextEquals("oid"u8)) hasOid = ReadLong(ref reader, out oid);
                    else if (reader.ValueTextEquals("timestamp"u8)) hasTime = ReadLong(ref reader, out time);
                    else SkipValue(ref reader);
                }
            }
            else SkipValue(ref reader);
        }
        if (!(hasStatus && hasOrder && hasSide && hasPx && hasSz && hasOid && hasTime && hasOrig) || coin == Outcome.Bad) return Outcome.Bad;
        status = new NodeOrderStatus(block, oid, state, side, px, sz, orig, time);
        return coin;
    }

    // Each reader below leaves the reader at the end of the value it was given, whatever its type, so a
    // field of the wrong shape is a bad field and never shifts the parse into a nested object.

    private Outcome ReadCoin(ref Utf8JsonReader reader)
    {
        reader.Read();
        var outcome = reader.TokenType != JsonTokenType.String ? Outcome.Bad : reader.ValueTextEquals(_coin) ? Outcome.Ok : Outcome.OtherCoin;
        reader.Skip();
        return outcome;
    }

    private static bool ReadSide(ref Utf8JsonReader reader, out Side side)
    {
        reader.Read();
        side = Side.Buy;
        var ok = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && TryParseSide(reader.ValueSpan, out side);
        reader.Skip();
        return ok;
    }

    private static bool ReadDecimal(ref Utf8JsonReader reader, out long raw)
    {
        reader.Read();
        raw = 0;
        var ok = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && Fixed8.TryParse(reader.ValueSpan, out raw) == Fixed8Error.None;
        reader.Skip();
        return ok;
    }

    private static bool ReadLong(ref Utf8JsonReader reader, out long value)
    {
        reader.Read();
        value = 0;
        var ok = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value);
        reader.Skip();
        return ok;
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }
}
