using System.Text;
using System.Text.Json;

namespace HlScalper.Protocol.Codec.Fuzzing;

/// <summary>Turns a real Hyperliquid message into a hostile one: flipped and inserted bytes, broken escapes and UTF-8, cut and doubled ranges, impossible values in the fields the codec reads, crossed and disordered books.</summary>
/// <remarks>
/// Shared by the codec's property tests and the long <c>bench fuzz</c> run, so both hunt with the same
/// mutations. Seeded: the same seed and message give the same result. Each call stacks one to three
/// mutations (mostly one, so most inputs stay close enough to real messages to reach the value checks), so a
/// message can be both re-formatted and corrupted.
/// </remarks>
internal sealed class HlMessageMutator(int seed)
{
    /// <summary>Bytes that change the meaning of JSON wherever they land.</summary>
    private static readonly byte[] InterestingBytes =
        [0x00, 0x01, 0x1F, 0x20, (byte)'"', (byte)'\\', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)',', (byte)':', (byte)'0', (byte)'-', (byte)'.', (byte)'e', 0x7F, 0x80, 0xC0, 0xED, 0xFF];

    /// <summary>Fragments seen to break parsers: escapes that decode to no text, invalid UTF-8, non-JSON numbers, stray structure.</summary>
    private static readonly byte[][] Fragments =
    [
        .. new[] { @"\uD800", @"\uDC00", @"\ud83d", @"\uD83D\uDE00", @"\u0000", @"\x", @"\", "0x", "[},", ",", "\"", "1e16", "-5", "0", "00", "9999999999999999", "null", "true", "{}", "[]", "\t", "//", "NaN", "Infinity", "-", "1.", ".5" }
            .Select(Encoding.UTF8.GetBytes),
        [0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xC0, 0xAF],
    ];

    /// <summary>Keys whose values the codec reads, with hostile replacements for them.</summary>
    private static readonly (string Key, string[] Values)[] Targets =
    [
        ("px", ["\"0\"", "\"-3.2\"", "\"007.5\"", "\"00\"", "\"1e5\"", "\"0.000000001\"", "\"\"", "\"99999999999\"", "\"1.5\"", "\"-0\"", "0", "\"0x10\""]),
        ("sz", ["\"0\"", "\"-3.2\"", "\"0.0\"", "\"01\"", "\"1e-3\"", "\"-0.00000001\"", "\"92233720368.54775807\"", "null"]),
        ("limitPx", ["\"0\"", "\"-1\"", "\"00.1\""]),
        ("origSz", ["\"-1\"", "\"01\""]),
        ("time", ["0", "-5", "1e16", "9999999999999999", "10000000000000000000", "1.5", "-0", "01", "1", "4102444800001", "\"1700000000000\""]),
        ("statusTimestamp", ["0", "-5", "9999999999999999"]),
        ("timestamp", ["-1", "0", "1e3"]),
        ("tid", ["-1", "0", "-9223372036854775808", "9223372036854775808", "1.0"]),
        ("oid", ["-1", "1e2"]),
        ("n", ["-1", "2147483648", "0", "1.5"]),
        ("coin", ["\"BTC\\uD83D\"", "\"\\uD800\"", "\"B\\u0000\"", "\"ETH\"", "\"\"", "1", "\"BTC\\\"\""]),
        ("side", ["\"X\"", "\"b\"", "\"\"", "\"BA\""]),
        ("avgPx", ["\"0\"", "\"-1891.4\"", "\"01\"", "\"1e3\"", "1891.4", "null"]),
        ("totalSz", ["\"0.0\"", "\"-0.02\"", "\"\"", "0.02"]),
        ("status", ["\"err\"", "\"ok\"", "\"fine\"", "1", "null"]),
        ("type", ["\"order\"", "\"cancel\"", "\"default\"", "\"action\"", "\"error\"", "\"info\"", "\"\"", "7"]),
        ("statuses", ["[]", "{}", "null", "[1]", "[\"success\",\"success\"]", "[{}]", "[{\"resting\":{}}]", "[{\"filled\":{\"oid\":1}}]"]),
        ("resting", ["{}", "null", "1", "{\"oid\":-3}", "{\"oid\":\"5\"}"]),
        ("error", ["1", "null", "\"Order must have minimum value of $10.\"", "\"Order was never placed, already canceled, or filled.\"", "\"\\u004frder must have minimum value\""]),
        ("payload", ["\"429 Too Many Requests\"", "{}", "[]", "null"]),
        ("hash", ["0x", "\"\u0001\"", "\"\\uDC00\"", "\"}]\"", "12", "\"0x\\u00e9\""]),
    ];

    private readonly Random _random = new(seed);

    /// <summary>A mutated copy of <paramref name="message"/>.</summary>
    public byte[] Mutate(byte[] message)
    {
        var result = message;
        var count = _random.Next(10) switch { < 6 => 1, < 9 => 2, _ => 3 };
        for (var i = 0; i < count; i++) result = MutateOnce(result);
        return result;
    }

    private byte[] MutateOnce(byte[] m) => _random.Next(20) switch
    {
        0 or 1 => FlipBit(m),
        2 or 3 => SetByte(m),
        4 or 5 or 6 => Insert(m),
        7 => Delete(m),
        8 => Duplicate(m),
        9 => Truncate(m),
        10 or 11 or 12 or 13 => ReplaceValue(m),
        14 or 15 or 16 => SwapPrices(m),
        17 => Scramble(m),
        _ => InsertIntoString(m),
    };

    private byte[] FlipBit(byte[] m)
    {
        if (m.Length == 0) return m;
        var copy = (byte[])m.Clone();
        copy[_random.Next(copy.Length)] ^= (byte)(1 << _random.Next(8));
        return copy;
    }

    private byte[] SetByte(byte[] m)
    {
        if (m.Length == 0) return m;
        var copy = (byte[])m.Clone();
        copy[_random.Next(copy.Length)] = InterestingBytes[_random.Next(InterestingBytes.Length)];
        return copy;
    }

    private byte[] Insert(byte[] m) => Splice(m, _random.Next(m.Length + 1), 0, Fragments[_random.Next(Fragments.Length)]);

    /// <summary>A fragment right after an opening quote: the escapes and bad UTF-8 land inside a string.</summary>
    private byte[] InsertIntoString(byte[] m)
    {
        var quotes = Positions(m, (byte)'"');
        if (quotes.Count == 0) return Insert(m);
        return Splice(m, quotes[_random.Next(quotes.Count)] + 1, 0, Fragments[_random.Next(Fragments.Length)]);
    }

    private byte[] Delete(byte[] m)
    {
        if (m.Length == 0) return m;
        var at = _random.Next(m.Length);
        return Splice(m, at, 1 + _random.Next(Math.Min(16, m.Length - at)), []);
    }

    private byte[] Duplicate(byte[] m)
    {
        if (m.Length == 0) return m;
        var at = _random.Next(m.Length);
        var length = 1 + _random.Next(Math.Min(64, m.Length - at));
        return Splice(m, at, 0, m.AsSpan(at, length).ToArray());
    }

    private byte[] Truncate(byte[] m) => m.Length == 0 ? m : m[.._random.Next(m.Length)];

    /// <summary>Replaces the value of one field the codec reads with a value that field can never carry (or a harmless one).</summary>
    private byte[] ReplaceValue(byte[] m)
    {
        var (key, values) = Targets[_random.Next(Targets.Length)];
        var spans = ValueSpans(m, key);
        if (spans.Count == 0) return Insert(m);
        var (start, length) = spans[_random.Next(spans.Count)];
        return Splice(m, start, length, Encoding.UTF8.GetBytes(values[_random.Next(values.Length)]));
    }

    /// <summary>Swaps two prices of the message: across the two sides of a book this crosses it, within a side it breaks the order.</summary>
    private byte[] SwapPrices(byte[] m)
    {
        var spans = ValueSpans(m, "px");
        if (spans.Count < 2) return ReplaceValue(m);
        // Half the time the first bid and the first ask of a book: the crossed book the exchange itself might send.
        int a, b;
        var asks = IndexOf(m, "],["u8);
        if (_random.Next(2) == 0 && asks > 0 && spans.FindIndex(s => s.Start > asks) is var firstAsk and > 0)
            (a, b) = (0, firstAsk);
        else
            (a, b) = (_random.Next(spans.Count), _random.Next(spans.Count));
        if (a == b) return m;
        if (a > b) (a, b) = (b, a);
        var (sa, la) = spans[a];
        var (sb, lb) = spans[b];
        // An unquoted value runs to the next delimiter and may swallow the other key: nothing to swap then.
        if (sa + la > sb) return m;
        var first = m.AsSpan(sa, la).ToArray();
        var second = m.AsSpan(sb, lb).ToArray();
        return [.. m.AsSpan(0, sa), .. second, .. m.AsSpan(sa + la, sb - sa - la), .. first, .. m.AsSpan(sb + lb)];
    }

    /// <summary>Same meaning, another form: keys reordered, whitespace, unknown fields, escaped strings.</summary>
    private byte[] Scramble(byte[] m)
    {
        try
        {
            return Encoding.UTF8.GetBytes(new JsonScrambler(_random, escapeStrings: _random.Next(2) == 0, addUnknownFields: true).Scramble(Encoding.UTF8.GetString(m)));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            // Already broken by an earlier mutation: nothing to re-format.
            return FlipBit(m);
        }
    }

    /// <summary>Where the values of <c>"key":</c> lie: a string with its quotes, or a run up to the next delimiter.</summary>
    private static List<(int Start, int Length)> ValueSpans(byte[] m, string key)
    {
        var pattern = Encoding.UTF8.GetBytes($"\"{key}\":");
        var spans = new List<(int, int)>();
        for (var at = IndexOf(m, pattern, 0); at >= 0; at = IndexOf(m, pattern, at + 1))
        {
            var start = at + pattern.Length;
            if (start >= m.Length) break;
            var end = start;
            if (m[start] == (byte)'"')
            {
                end = Array.IndexOf(m, (byte)'"', start + 1);
                if (end < 0) continue;
                end++;
            }
            else
                while (end < m.Length && m[end] is not ((byte)',' or (byte)'}' or (byte)']')) end++;
            spans.Add((start, end - start));
        }
        return spans;
    }

    private static int IndexOf(byte[] m, ReadOnlySpan<byte> pattern, int from = 0)
    {
        if (from > m.Length) return -1;
        var found = m.AsSpan(from).IndexOf(pattern);
        return found < 0 ? -1 : from + found;
    }

    private static List<int> Positions(byte[] m, byte value)
    {
        var positions = new List<int>();
        for (var i = 0; i < m.Length; i++)
            if (m[i] == value) positions.Add(i);
        return positions;
    }

    private static byte[] Splice(byte[] m, int at, int remove, ReadOnlySpan<byte> insert) =>
        [.. m.AsSpan(0, at), .. insert, .. m.AsSpan(at + remove)];
}
