using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;

namespace HlScalper.Replay.Data;

/// <summary>Reads one coin's book from a node L4 snapshot (<c>[height, [[coin, [[bids…], [asks…]]], …]]</c>, plain or gzip), streaming, so a snapshot of every coin never sits in memory.</summary>
/// <remarks>A cut or corrupt file is a <see cref="TickDataException"/> naming it; an order with a missing or bad field is skipped and counted.</remarks>
public static class NodeSnapshotReader
{
    public static L4Snapshot Read(string path, string coin, CancellationToken cancel = default)
    {
        if (!File.Exists(path)) throw new TickDataException($"{path}: no such file");
        var coinUtf8 = Encoding.UTF8.GetBytes(coin);
        using var stream = FormatDetector.Open(path, Sniff(path));
        var json = new JsonTokenStream(stream);
        try
        {
            Expect(json, JsonTokenType.StartArray, "the snapshot");
            Expect(json, JsonTokenType.Number, "the block height");
            if (!Utf8Parser.TryParse(json.Value, out long height, out var used) || used != json.Value.Length)
                throw Structure(json, "the block height is not an integer");
            Expect(json, JsonTokenType.StartArray, "the list of books");
            var bids = new List<SnapshotOrder>();
            var asks = new List<SnapshotOrder>();
            var found = false;
            var others = 0;
            long bad = 0;
            while (Next(json) == JsonTokenType.StartArray)
            {
                Expect(json, JsonTokenType.String, "a book's coin");
                var match = json.Value.SequenceEqual(coinUtf8);
                Expect(json, JsonTokenType.StartArray, "a book's two sides");
                if (match && !found)
                {
                    found = true;
                    bad += ReadSide(json, Side.Buy, bids, cancel) + ReadSide(json, Side.Sell, asks, cancel);
                    Expect(json, JsonTokenType.EndArray, "the end of the book's sides");
                }
                else
                {
                    others++;
                    json.SkipValue();
                }
                Expect(json, JsonTokenType.EndArray, "the end of a book");
            }
            if (json.TokenType != JsonTokenType.EndArray) throw Structure(json, "expected a book or the end of the list of books");
            if (!found) throw new TickDataException($"{path}: no {coin} book in the snapshot ({others} other coins)");
            return new L4Snapshot(path, height, coin, bids, asks, others, bad);
        }
        catch (JsonException e)
        {
            throw new TickDataException($"{path}: not a complete node snapshot near byte {json.Position}: {e.Message}", e);
        }
        catch (Exception e) when (FormatDetector.IsCorruptData(e))
        {
            throw new TickDataException($"{path}: corrupt data near byte {json.Position}: {e.Message}", e);
        }

        TickDataException Structure(JsonTokenStream at, string what) => new($"{path}: not a node snapshot near byte {at.Position}: {what}");

        void Expect(JsonTokenStream at, JsonTokenType type, string what)
        {
            if (Next(at) != type) throw Structure(at, $"expected {what} ({type}), found {at.TokenType}");
        }
    }

    /// <summary>Reads one side's list of orders; returns how many were bad.</summary>
    private static long ReadSide(JsonTokenStream json, Side side, List<SnapshotOrder> into, CancellationToken cancel)
    {
        if (Next(json) != JsonTokenType.StartArray) throw new JsonException($"a side of the book is not a list (found {json.TokenType}) at byte {json.Position}");
        long bad = 0;
        while (Next(json) is var token && token != JsonTokenType.EndArray)
        {
            if ((into.Count & 0xFFF) == 0) cancel.ThrowIfCancellationRequested();
            if (token != JsonTokenType.StartArray)
            {
                json.SkipValue();
                bad++;
                continue;
            }
            if (TryReadOrder(json, side, out var order)) into.Add(order);
            else bad++;
        }
        return bad;
    }

    /// <summary>Reads <c>["0xuser", {order}]</c> from just after its '['; always leaves the stream after the matching ']'.</summary>
    private static bool TryReadOrder(JsonTokenStream json, Side side, out SnapshotOrder order)
    {
        order = default;
        var ok = true;
        bool hasSide = false, hasPx = false, hasSz = false, hasOid = false, hasTime = false;
        long px = 0, sz = 0, oid = 0, time = 0;
        var entries = 0;
        // Nested values are skipped whole, so the first ']' at this level is the order's own.
        while (Next(json) is var token && token != JsonTokenType.EndArray)
        {
            entries++;
            if (token != JsonTokenType.StartObject || entries != 2)
            {
                ok &= token == JsonTokenType.String && entries == 1;
                json.SkipValue();
                continue;
            }
            while (Next(json) == JsonTokenType.PropertyName)
            {
                var name = json.Value;
                var field = name.SequenceEqual("side"u8) ? 1 : name.SequenceEqual("limitPx"u8) ? 2 : name.SequenceEqual("sz"u8) ? 3
                    : name.SequenceEqual("oid"u8) ? 4 : name.SequenceEqual("timestamp"u8) ? 5 : 0;
                var value = Next(json);
                switch (field)
                {
                    case 1:
                        hasSide = value == JsonTokenType.String && NodeLineParser.TryParseSide(json.Value, out var s) && s == side;
                        break;
                    case 2:
                        hasPx = value == JsonTokenType.String && Fixed8.TryParse(json.Value, out px) == Fixed8Error.None && px > 0;
                        break;
                    case 3:
                        hasSz = value == JsonTokenType.String && Fixed8.TryParse(json.Value, out sz) == Fixed8Error.None && sz > 0;
                        break;
                    case 4:
                        hasOid = value == JsonTokenType.Number && Utf8Parser.TryParse(json.Value, out oid, out var n) && n == json.Value.Length;
                        break;
                    case 5:
                        hasTime = value == JsonTokenType.Number && Utf8Parser.TryParse(json.Value, out time, out var m) && m == json.Value.Length;
                        break;
                }
                json.SkipValue();
            }
        }
        if (!(ok && entries == 2 && hasSide && hasPx && hasSz && hasOid && hasTime)) return false;
        order = new SnapshotOrder(oid, side, px, sz, time);
        return true;
    }

    private static JsonTokenType Next(JsonTokenStream json) =>
        json.Read() ? json.TokenType : throw new JsonException($"the snapshot ends early, at byte {json.Position}");

    private static Compression Sniff(string path)
    {
        Span<byte> head = stackalloc byte[2];
        using var file = File.OpenRead(path);
        return file.ReadAtLeast(head, 2, throwOnEndOfStream: false) == 2 && head[0] == 0x1F && head[1] == 0x8B ? Compression.Gzip : Compression.None;
    }
}
