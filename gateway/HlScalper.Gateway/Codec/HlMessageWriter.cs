using System.Buffers;
using System.Text.Json;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;

namespace HlScalper.Gateway.Codec;

/// <summary>Writes market events back out as the exchange's WebSocket messages (<c>l2Book</c>, <c>trades</c>), for feeders and local exchanges.</summary>
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
        w.WriteStartObject("data"u8);
        w.WriteString("coin"u8, coins.NameOf(e.Coin));
        w.WriteNumber("time"u8, e.ExchangeTimeMs);
        w.WriteStartArray("levels"u8);
        WriteSide(w, in e.Bids, e.BidCount);
        WriteSide(w, in e.Asks, e.AskCount);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
        return _buffer.WrittenMemory;
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

    private void WriteSide(Utf8JsonWriter w, in BookLevels levels, int count)
    {
        w.WriteStartArray();
        for (var i = 0; i < count; i++)
        {
            w.WriteStartObject();
            WriteDecimal(w, "px"u8, levels[i].Px.Raw);
            WriteDecimal(w, "sz"u8, levels[i].Sz.Raw);
            w.WriteNumber("n"u8, levels[i].Count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private void WriteDecimal(Utf8JsonWriter w, ReadOnlySpan<byte> name, long raw) =>
        w.WriteString(name, _number.AsSpan(0, Fixed8.Format(raw, _number)));
}
