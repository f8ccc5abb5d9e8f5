using System.Buffers;
using System.Text.Json;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;

namespace HlScalper.Protocol.Codec;

/// <summary>Writes events back out as the exchange's WebSocket messages (<c>l2Book</c>, <c>trades</c>, <c>bbo</c>, <c>orderUpdates</c>, <c>userFills</c>), for feeders and local exchanges.</summary>
/// <remarks>The inverse of <see cref="HlCodec"/> for the public channels; prices and sizes keep their canonical wire form.</remarks>
public sealed class HlMessageWriter(CoinTable coins)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly byte[] _number = new byte[Fixed8.MaxFormattedLength];

    /// <summary>The <c>{"channel":"l2Book","data":{...}}</c> message of a book event; valid until the next write.</summary>
    public ReadOnlyMemory<byte> L2Book(ref readonly MarketEvent e)
    {
        _buffer.ResetWrittenCount();
        using var w = new Utf8JsonWriter(_buffer);
        w.WriteStartObject();
        w.WriteString("channel"u8, "l2Book"u8);
        w.WritePropertyName("data"u8);
        WriteBook(w, in e);
        w.WriteEndObject();
        w.Flush();
        return _buffer.WrittenMemory;
    }

    /// <summary>The book object <c>{coin,time,levels:[bids,asks]}</c> of a book event: the <c>l2Book</c> channel's data and the <c>/info</c> answer.</summary>
    public void WriteBook(Utf8JsonWriter w, ref readonly MarketEvent e)
    {
        w.WriteStartObject();
        w.WriteString("coin"u8, coins.NameOf(e.Coin));
        w.WriteNumber("time"u8, e.ExchangeTimeMs);
        w.WriteStartArray("levels"u8);
        WriteSide(w, in e.Bids, e.BidCount);
        WriteSide(w, in e.Asks, e.AskCount);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A <c>trades</c> message holding one trade event.</summary>
    public ReadOnlyMemory<byte> Trade(ref readonly MarketEvent e)
    {
        _buffer.ResetWrittenCount();
        using var w = new Utf8JsonWriter(_buffer);
        w.WriteStartObject();
        w.WriteString("channel"u8, "trades"u8);
        w.WriteStartArray("data"u8);
        w.WriteStartObject();
        w.WriteString("coin"u8, coins.NameOf(e.Coin));
        w.WriteString("side"u8, e.Side == Side.Buy ? "B"u8 : "A"u8);
        WriteDecimal(w, "px"u8, e.Px.Raw);
        WriteDecimal(w, "sz"u8, e.Sz.Raw);
        w.WriteNumber("time"u8, e.ExchangeTimeMs);
        w.WriteString("hash"u8, "0x0000000000000000000000000000000000000000000000000000000000000000"u8);
        w.WriteNumber("tid"u8, e.Tid);
        w.WriteStartArray("users"u8);
        w.WriteStringValue("0x0000000000000000000000000000000000000000"u8);
        w.WriteStringValue("0x0000000000000000000000000000000000000000"u8);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        return _buffer.WrittenMemory;
    }

    /// <summary>A <c>bbo</c> message of a book or BBO event: the best level of each side, null for an empty side.</summary>
    public ReadOnlyMemory<byte> Bbo(ref readonly MarketEvent e)
    {
        _buffer.ResetWrittenCount();
        using var w = new Utf8JsonWriter(_buffer);
        w.WriteStartObject();
        w.WriteString("channel"u8, "bbo"u8);
        w.WriteStartObject("data"u8);
        w.WriteString("coin"u8, coins.NameOf(e.Coin));
        w.WriteNumber("time"u8, e.ExchangeTimeMs);
        w.WriteStartArray("bbo"u8);
        if (e.BidCount > 0) WriteLevel(w, e.Bids[0]);
        else w.WriteNullValue();
        if (e.AskCount > 0) WriteLevel(w, e.Asks[0]);
        else w.WriteNullValue();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
        return _buffer.WrittenMemory;
    }

    /// <summary>An <c>orderUpdates</c> message holding every order-update event of <paramref name="events"/> (other kinds are skipped).</summary>
    public ReadOnlyMemory<byte> OrderUpdates(ReadOnlySpan<MarketEvent> events)
    {
        _buffer.ResetWrittenCount();
        using var w = new Utf8JsonWriter(_buffer);
        w.WriteStartObject();
        w.WriteString("channel"u8, "orderUpdates"u8);
        w.WriteStartArray("data"u8);
        foreach (ref readonly var e in events)
        {
            if (e.Kind != EventKind.OrderUpdate) continue;
            w.WriteStartObject();
            w.WriteStartObject("order"u8);
            w.WriteString("coin"u8, coins.NameOf(e.Coin));
            w.WriteString("side"u8, e.Side == Side.Buy ? "B"u8 : "A"u8);
            WriteDecimal(w, "limitPx"u8, e.Px.Raw);
            WriteDecimal(w, "sz"u8, e.Sz.Raw);
            w.WriteNumber("oid"u8, e.Oid);
            w.WriteNumber("timestamp"u8, e.Value);
            WriteDecimal(w, "origSz"u8, e.OrigSz.Raw);
            if ((e.Flags & EventFlags.HasCloid) != 0) WriteCloid(w, e.Cloid);
            if ((e.Flags & EventFlags.ReduceOnly) != 0) w.WriteBoolean("reduceOnly"u8, true);
            w.WriteEndObject();
            w.WriteString("status"u8, HlOrderStatusNames.NameOf(e.Status));
            w.WriteNumber("statusTimestamp"u8, e.ExchangeTimeMs);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        return _buffer.WrittenMemory;
    }

    /// <summary>A <c>userFills</c> message for <paramref name="user"/> holding every fill event of <paramref name="events"/>.</summary>
    public ReadOnlyMemory<byte> UserFills(string user, ReadOnlySpan<MarketEvent> events, bool isSnapshot)
    {
        _buffer.ResetWrittenCount();
        using var w = new Utf8JsonWriter(_buffer);
        w.WriteStartObject();
        w.WriteString("channel"u8, "userFills"u8);
        w.WriteStartObject("data"u8);
        if (isSnapshot) w.WriteBoolean("isSnapshot"u8, true);
        w.WriteString("user"u8, user);
        w.WriteStartArray("fills"u8);
        foreach (ref readonly var e in events)
            if (e.Kind == EventKind.Fill) WriteFill(w, in e);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
        return _buffer.WrittenMemory;
    }

    /// <summary>One fill object (§7.5), the shape <c>userFills</c> uses on the socket and in <c>/info</c>.</summary>
    public void WriteFill(Utf8JsonWriter w, ref readonly MarketEvent e)
    {
        w.WriteStartObject();
        w.WriteString("coin"u8, coins.NameOf(e.Coin));
        WriteDecimal(w, "px"u8, e.Px.Raw);
        WriteDecimal(w, "sz"u8, e.Sz.Raw);
        w.WriteString("side"u8, e.Side == Side.Buy ? "B"u8 : "A"u8);
        w.WriteNumber("time"u8, e.ExchangeTimeMs);
        WriteDecimal(w, "startPosition"u8, e.StartPosition.Raw);
        w.WriteString("dir"u8, Direction(e.Side, e.StartPosition.Raw, e.Sz.Raw));
        WriteDecimal(w, "closedPnl"u8, e.ClosedPnl);
        w.WriteString("hash"u8, "0x0000000000000000000000000000000000000000000000000000000000000000"u8);
        w.WriteNumber("oid"u8, e.Oid);
        w.WriteBoolean("crossed"u8, (e.Flags & EventFlags.Crossed) != 0);
        WriteDecimal(w, "fee"u8, e.Fee);
        w.WriteNumber("tid"u8, e.Tid);
        if ((e.Flags & EventFlags.HasCloid) != 0) WriteCloid(w, e.Cloid);
        w.WriteString("feeToken"u8, "USDC"u8);
        w.WriteNull("twapId"u8);
        w.WriteEndObject();
    }

    /// <summary>The display direction of a fill from the position before it: "Open Long", "Close Short", "Long > Short", ….</summary>
    private static string Direction(Side side, long start, long size)
    {
        var buy = side == Side.Buy;
        if (start == 0 || (start > 0) == buy) return buy ? "Open Long" : "Open Short";
        if (size > Math.Abs(start)) return buy ? "Short > Long" : "Long > Short";
        return buy ? "Close Short" : "Close Long";
    }

    private static void WriteCloid(Utf8JsonWriter w, Engine.Orders.Cloid cloid)
    {
        Span<byte> text = stackalloc byte[Engine.Orders.Cloid.WireLength];
        cloid.Format(text);
        w.WriteString("cloid"u8, text);
    }

    private void WriteLevel(Utf8JsonWriter w, in BookLevel level)
    {
        w.WriteStartObject();
        WriteDecimal(w, "px"u8, level.Px.Raw);
        WriteDecimal(w, "sz"u8, level.Sz.Raw);
        w.WriteNumber("n"u8, level.Count);
        w.WriteEndObject();
    }

    private void WriteSide(Utf8JsonWriter w, in BookLevels levels, int count)
    {
        w.WriteStartArray();
        for (var i = 0; i < count; i++) WriteLevel(w, levels[i]);
        w.WriteEndArray();
    }

    private void WriteDecimal(Utf8JsonWriter w, ReadOnlySpan<byte> name, long raw) =>
        w.WriteString(name, _number.AsSpan(0, Fixed8.Format(raw, _number)));
}
