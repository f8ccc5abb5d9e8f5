using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using HlScalper.Engine.Numbers;

namespace HlScalper.Protocol.Codec;

/// <summary>A forward-only UTF-8 JSON scanner for the fast path: reads exactly the shapes Hyperliquid sends, and says "no" to anything else.</summary>
/// <remarks>
/// Every <c>Try…</c> returning false means "not recognised here", never "invalid JSON": the codec then
/// hands the whole message to the reference parser, which decides. The scanner may decline valid JSON, but it
/// must never accept what the reference rejects, so every byte it passes over is checked, skipped values
/// included: strings (no raw control bytes, valid UTF-8, valid escapes with paired surrogates), numbers and
/// literals by the JSON grammar, containers element by element. Nesting in a skipped value deeper than
/// <see cref="MaxSkipDepth"/> is declined, so the reference's 64-level limit is never reached here.
/// Strings with escapes are not recognised where their content matters (keys, coins, numbers), because
/// Hyperliquid never escapes those; escaped strings in skipped values are fine.
/// </remarks>
internal ref struct JsonCursor
{
    /// <summary>Nesting a skipped value may have: the fast parser's own structure is at most 6 deep, so accepted messages stay far below the reference's 64.</summary>
    public const int MaxSkipDepth = 32;

    /// <summary>Bytes that end the plain run of a string: the quote, a backslash, control bytes and every non-ASCII byte (validated one scalar at a time).</summary>
    private static readonly SearchValues<byte> StringSpecial = SearchValues.Create(StringSpecialBytes());
    private static readonly SearchValues<byte> EndOfScalar = SearchValues.Create(",}] \t\r\n"u8);

    private readonly ReadOnlySpan<byte> _json;

    public int Position;

    public JsonCursor(ReadOnlySpan<byte> json, int position = 0)
    {
        _json = json;
        Position = position;
    }

    /// <summary>A cursor over the same message at <paramref name="position"/>: to come back to a value whose meaning a later key decides.</summary>
    public readonly JsonCursor At(int position) => new(_json, position);

    /// <summary>The next non-whitespace byte (not consumed), or 0 at the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte Peek()
    {
        while ((uint)Position < (uint)_json.Length)
        {
            var b = _json[Position];
            if (b > (byte)' ') return b;
            if (b != (byte)' ' && b != (byte)'\n' && b != (byte)'\r' && b != (byte)'\t') return b;
            Position++;
        }
        return 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryConsume(byte expected)
    {
        if (Peek() != expected) return false;
        Position++;
        return true;
    }

    /// <summary>True when only whitespace is left.</summary>
    public bool AtEnd() => Peek() == 0 && Position == _json.Length;

    /// <summary>Steps through an object: 1 = a key was read and its ':' consumed, 0 = the closing brace was consumed, -1 = not recognised.</summary>
    /// <remarks>Call after consuming '{', with <paramref name="first"/> true.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextKey(ref bool first, out ReadOnlySpan<byte> key)
    {
        key = default;
        var step = NextMember(ref first, (byte)'}');
        if (step != 1) return step;
        return TryReadString(out key) && TryConsume((byte)':') ? 1 : -1;
    }

    /// <summary>Steps through an array: 1 = an element follows, 0 = the closing bracket was consumed, -1 = not recognised.</summary>
    /// <remarks>Call after consuming '[', with <paramref name="first"/> true.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextElement(ref bool first) => NextMember(ref first, (byte)']');

    /// <summary>The step every object member and array element starts with: 1 = one follows (its ',' consumed), 0 = <paramref name="close"/> was consumed, -1 = neither.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int NextMember(ref bool first, byte close)
    {
        var b = Peek();
        if (b == close)
        {
            Position++;
            return 0;
        }
        if (!first)
        {
            if (b != (byte)',') return -1;
            Position++;
        }
        first = false;
        return 1;
    }

    /// <summary>Reads a string that has no escapes; its bytes between the quotes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadString(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (Peek() != (byte)'"') return false;
        var start = Position + 1;
        // Short strings (keys, prices) dominate: a scalar loop beats the vector search's setup.
        var i = start;
        var limit = Math.Min(_json.Length, start + 16);
        while (i < limit)
        {
            var b = _json[i];
            if (b == (byte)'"')
            {
                value = _json[start..i];
                Position = i + 1;
                return true;
            }
            if (b == (byte)'\\' || !IsPlainAscii(b)) break;
            i++;
        }
        if (!TryScanString(i, out var end, out var escaped) || escaped) return false;
        value = _json[start..end];
        Position = end + 1;
        return true;
    }

    /// <summary>Reads a decimal string (<c>"42727.0"</c>) straight into 8-decimal fixed point.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadFixed8(out long value)
    {
        value = 0;
        return TryReadString(out var text) && DecimalScanner.TryParse(text, out value);
    }

    /// <summary>Reads a JSON integer (no fraction, no exponent) that fits a <c>long</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadInt64(out long value)
    {
        value = 0;
        var b = Peek();
        var negative = b == (byte)'-';
        var i = negative ? Position + 1 : Position;
        var start = i;
        ulong v = 0;
        while ((uint)i < (uint)_json.Length)
        {
            var d = (uint)(_json[i] - (byte)'0');
            if (d > 9) break;
            v = v * 10 + d;
            i++;
        }
        var digits = i - start;
        // 18 digits always fit; longer ones go to the reference parser. A leading zero is only valid alone.
        if (digits == 0 || digits > 18 || (digits > 1 && _json[start] == (byte)'0')) return false;
        if ((uint)i < (uint)_json.Length && !EndOfScalar.Contains(_json[i])) return false;
        value = negative ? -(long)v : (long)v;
        Position = i;
        return true;
    }

    /// <summary>Consumes <paramref name="literal"/> if the bytes at the cursor are exactly it (no whitespace skipped): the expected-layout fast path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryMatch(ReadOnlySpan<byte> literal)
    {
        if (!_json[Position..].StartsWith(literal)) return false;
        Position += literal.Length;
        return true;
    }

    /// <summary>With the cursor just inside a string, reads an unsigned decimal (≤ 10 integer digits, ≤ 8 decimals) and the closing quote in one pass.</summary>
    /// <remarks>Anything else (sign, more digits, escapes) returns false and the caller takes the general path, which gives the same value or the same verdict.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadDecimalBody(out long value)
    {
        value = 0;
        var s = _json;
        var i = Position;
        var start = i;
        ulong integer = 0;
        while ((uint)i < (uint)s.Length)
        {
            var d = (uint)(s[i] - (byte)'0');
            if (d > 9) break;
            integer = integer * 10 + d;
            i++;
        }
        // A leading zero is only valid alone ("0.5", never "00.5" or "01"): the reference refuses those too.
        if (i == start || i - start > 10 || (uint)i >= (uint)s.Length || (i - start > 1 && s[start] == (byte)'0')) return false;
        ulong fraction = 0;
        var fracDigits = 0;
        if (s[i] == (byte)'.')
        {
            i++;
            while ((uint)i < (uint)s.Length)
            {
                var d = (uint)(s[i] - (byte)'0');
                if (d > 9) break;
                if (fracDigits == 8) return false;
                fraction = fraction * 10 + d;
                fracDigits++;
                i++;
            }
            if (fracDigits == 0 || (uint)i >= (uint)s.Length) return false;
        }
        if (s[i] != (byte)'"') return false;
        value = (long)(integer * 100_000_000UL + fraction * (ulong)Fixed8.PowerOf10(8 - fracDigits));
        Position = i + 1;
        return true;
    }

    /// <summary>Reads a non-negative JSON integer right at the cursor (no whitespace skipped), up to 18 digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadUnsignedBody(out long value)
    {
        value = 0;
        var s = _json;
        var i = Position;
        ulong v = 0;
        while ((uint)i < (uint)s.Length)
        {
            var d = (uint)(s[i] - (byte)'0');
            if (d > 9) break;
            v = v * 10 + d;
            i++;
        }
        var digits = i - Position;
        if (digits == 0 || digits > 18 || (digits > 1 && s[Position] == (byte)'0')) return false;
        if ((uint)i < (uint)s.Length && s[i] is (byte)'.' or (byte)'e' or (byte)'E') return false;
        value = (long)v;
        Position = i;
        return true;
    }

    /// <summary>With the cursor just inside a string, reads its bytes up to the closing quote (consumed); false if it has escapes or is not a valid string.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadStringBody(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!TryScanString(Position, out var end, out var escaped) || escaped) return false;
        value = _json[Position..end];
        Position = end + 1;
        return true;
    }

    public bool TryReadBool(out bool value)
    {
        value = false;
        var b = Peek();
        if (b == (byte)'t' && Literal("true"u8))
        {
            value = true;
            return true;
        }
        return b == (byte)'f' && Literal("false"u8);
    }

    public bool TryReadNull() => Peek() == (byte)'n' && Literal("null"u8);

    /// <summary>Skips one value of any type, checking it is valid JSON, and returns where it started, so callers can hand its raw bytes on.</summary>
    public bool TrySkipValue(out int start)
    {
        Peek();
        start = Position;
        return TrySkipValueAt(0);
    }

    public bool TrySkipValue() => TrySkipValue(out _);

    private bool TrySkipValueAt(int depth)
    {
        switch (Peek())
        {
            case (byte)'"':
                if (!TryScanString(Position + 1, out var end, out _)) return false;
                Position = end + 1;
                return true;
            case (byte)'{':
                return depth < MaxSkipDepth && TrySkipObject(depth + 1);
            case (byte)'[':
                return depth < MaxSkipDepth && TrySkipArray(depth + 1);
            case (byte)'t':
                return Literal("true"u8);
            case (byte)'f':
                return Literal("false"u8);
            case (byte)'n':
                return Literal("null"u8);
            default:
                return TrySkipNumber();
        }
    }

    private bool TrySkipObject(int depth)
    {
        Position++;
        var first = true;
        int step;
        while ((step = NextKeyAnyString(ref first)) == 1)
            if (!TrySkipValueAt(depth)) return false;
        return step == 0;
    }

    /// <summary>Like <see cref="NextKey"/>, but any valid key is accepted, escaped or not (its content is not needed).</summary>
    private int NextKeyAnyString(ref bool first)
    {
        var step = NextMember(ref first, (byte)'}');
        if (step != 1) return step;
        if (Peek() != (byte)'"' || !TryScanString(Position + 1, out var end, out _)) return -1;
        Position = end + 1;
        return TryConsume((byte)':') ? 1 : -1;
    }

    private bool TrySkipArray(int depth)
    {
        Position++;
        if (Peek() == (byte)']')
        {
            Position++;
            return true;
        }
        while (true)
        {
            if (!TrySkipValueAt(depth)) return false;
            var b = Peek();
            Position++;
            if (b == (byte)']') return true;
            if (b != (byte)',') return false;
        }
    }

    /// <summary>A JSON number: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>, followed by a delimiter or the end.</summary>
    private bool TrySkipNumber()
    {
        var s = _json;
        var i = Position;
        if (i < s.Length && s[i] == (byte)'-') i++;
        if (i >= s.Length || !IsDigit(s[i])) return false;
        if (s[i] == (byte)'0') i++;
        else
            while (i < s.Length && IsDigit(s[i])) i++;
        if (i < s.Length && s[i] == (byte)'.')
        {
            var digits = ++i;
            while (i < s.Length && IsDigit(s[i])) i++;
            if (i == digits) return false;
        }
        if (i < s.Length && (s[i] | 0x20) == (byte)'e')
        {
            i++;
            if (i < s.Length && s[i] is (byte)'+' or (byte)'-') i++;
            var digits = i;
            while (i < s.Length && IsDigit(s[i])) i++;
            if (i == digits) return false;
        }
        if (i < s.Length && !EndOfScalar.Contains(s[i])) return false;
        Position = i;
        return true;
    }

    private bool Literal(ReadOnlySpan<byte> literal)
    {
        if (!_json[Position..].StartsWith(literal)) return false;
        var next = Position + literal.Length;
        if (next < _json.Length && !EndOfScalar.Contains(_json[next])) return false;
        Position = next;
        return true;
    }

    /// <summary>
    /// Finds the closing quote of a string whose content starts at <paramref name="from"/>, checking the content on
    /// the way: no raw byte below 0x20, well-formed UTF-8, and only JSON's escapes, a <c>\u</c> high surrogate
    /// always followed by a <c>\u</c> low one (the reference parser cannot unescape anything else).
    /// </summary>
    private readonly bool TryScanString(int from, out int end, out bool escaped)
    {
        var s = _json;
        escaped = false;
        end = -1;
        var i = from;
        while (true)
        {
            if ((uint)i >= (uint)s.Length) return false;
            var found = s[i..].IndexOfAny(StringSpecial);
            if (found < 0) return false;
            i += found;
            var b = s[i];
            if (b == (byte)'"')
            {
                end = i;
                return true;
            }
            if (b == (byte)'\\')
            {
                escaped = true;
                if (!TrySkipEscape(s, ref i)) return false;
                continue;
            }
            if (b < 0x80) return false;
            if (Rune.DecodeFromUtf8(s[i..], out _, out var used) != OperationStatus.Done) return false;
            i += used;
        }
    }

    /// <summary>Steps over one escape at <paramref name="i"/> (the backslash); a high surrogate must come with its low half.</summary>
    private static bool TrySkipEscape(ReadOnlySpan<byte> s, ref int i)
    {
        if (i + 1 >= s.Length) return false;
        switch (s[i + 1])
        {
            case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                i += 2;
                return true;
            case (byte)'u':
                if (!TryHex4(s, i + 2, out var unit)) return false;
                i += 6;
                if (unit is >= 0xDC00 and <= 0xDFFF) return false;
                if (unit is < 0xD800 or > 0xDBFF) return true;
                if (i + 1 >= s.Length || s[i] != (byte)'\\' || s[i + 1] != (byte)'u' || !TryHex4(s, i + 2, out var low) || low is < 0xDC00 or > 0xDFFF) return false;
                i += 6;
                return true;
            default:
                return false;
        }
    }

    private static bool TryHex4(ReadOnlySpan<byte> s, int at, out int value)
    {
        value = 0;
        if (at + 4 > s.Length) return false;
        for (var k = 0; k < 4; k++)
        {
            var digit = HexDigit(s[at + k]);
            if (digit < 0) return false;
            value = (value << 4) | digit;
        }
        return true;
    }

    private static int HexDigit(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    /// <summary>A byte a string may hold as is: printable ASCII other than the quote and backslash (checked by the caller).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsPlainAscii(byte b) => (uint)(b - 0x20) < 0x60;

    private static byte[] StringSpecialBytes()
    {
        var bytes = new List<byte> { (byte)'"', (byte)'\\' };
        for (var b = 0; b < 0x20; b++) bytes.Add((byte)b);
        for (var b = 0x80; b <= 0xFF; b++) bytes.Add((byte)b);
        return [.. bytes];
    }
}
