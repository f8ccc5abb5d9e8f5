using System.Buffers;
using System.Runtime.CompilerServices;
using HlScalper.Engine.Numbers;

namespace HlScalper.Protocol.Codec;

/// <summary>A forward-only UTF-8 JSON scanner for the fast path: reads exactly the shapes Hyperliquid sends, and says "no" to anything else.</summary>
/// <remarks>
/// Every <c>Try…</c> returning false means "not recognised here", never "invalid JSON": the codec then
/// hands the whole message to the reference parser, which decides. So this scanner only validates what it
/// reads; values it skips are walked structurally (strings, brackets), not checked.
/// Strings with escapes are not recognised where their content matters (keys, coins, numbers), because
/// Hyperliquid never escapes those; escaped strings in skipped values are fine.
/// </remarks>
internal ref struct JsonCursor
{
    private static readonly SearchValues<byte> QuoteOrBackslash = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> Structural = SearchValues.Create("\"{}[]"u8);
    private static readonly SearchValues<byte> EndOfScalar = SearchValues.Create(",}] \t\r\n"u8);

    private readonly ReadOnlySpan<byte> _json;

    public int Position;

    public JsonCursor(ReadOnlySpan<byte> json, int position = 0)
    {
        _json = json;
        Position = position;
    }

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
        var b = Peek();
        if (b == (byte)'}')
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
        return TryReadString(out key) && TryConsume((byte)':') ? 1 : -1;
    }

    /// <summary>Steps through an array: 1 = an element follows, 0 = the closing bracket was consumed, -1 = not recognised.</summary>
    /// <remarks>Call after consuming '[', with <paramref name="first"/> true.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextElement(ref bool first)
    {
        var b = Peek();
        if (b == (byte)']')
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
        var rest = _json[(Position + 1)..];
        // Short strings (keys, prices) dominate: a scalar loop beats the vector search's setup.
        var i = 0;
        while (i < rest.Length && i < 16)
        {
            var b = rest[i];
            if (b == (byte)'"') goto found;
            if (b == (byte)'\\') return false;
            i++;
        }
        var more = rest[i..].IndexOfAny(QuoteOrBackslash);
        if (more < 0 || rest[i + more] == (byte)'\\') return false;
        i += more;
    found:
        value = rest[..i];
        Position += i + 2;
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
        if (i == start || i - start > 10 || (uint)i >= (uint)s.Length) return false;
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

    /// <summary>With the cursor just inside a string, reads its bytes up to the closing quote (consumed); false if it has escapes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadStringBody(out ReadOnlySpan<byte> value)
    {
        value = default;
        var rest = _json[Position..];
        var end = rest.IndexOfAny(QuoteOrBackslash);
        if (end < 0 || rest[end] != (byte)'"') return false;
        value = rest[..end];
        Position += end + 1;
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

    /// <summary>Skips one value of any type and returns where it started, so callers can hand its raw bytes on.</summary>
    public bool TrySkipValue(out int start)
    {
        var b = Peek();
        start = Position;
        switch (b)
        {
            case (byte)'"':
                return SkipString();
            case (byte)'{':
            case (byte)'[':
                return SkipContainer();
            case 0:
                return false;
            default:
                var end = _json[Position..].IndexOfAny(EndOfScalar);
                var length = end < 0 ? _json.Length - Position : end;
                if (length == 0) return false;
                Position += length;
                return true;
        }
    }

    public bool TrySkipValue() => TrySkipValue(out _);

    private bool Literal(ReadOnlySpan<byte> literal)
    {
        if (!_json[Position..].StartsWith(literal)) return false;
        var next = Position + literal.Length;
        if (next < _json.Length && !EndOfScalar.Contains(_json[next])) return false;
        Position = next;
        return true;
    }

    private bool SkipString()
    {
        var i = Position + 1;
        while (true)
        {
            var found = _json[i..].IndexOfAny(QuoteOrBackslash);
            if (found < 0) return false;
            i += found;
            if (_json[i] == (byte)'"')
            {
                Position = i + 1;
                return true;
            }
            i += 2; // an escape: skip the backslash and the escaped byte
            if (i >= _json.Length) return false;
        }
    }

    private bool SkipContainer()
    {
        var depth = 0;
        var i = Position;
        while (true)
        {
            var found = _json[i..].IndexOfAny(Structural);
            if (found < 0) return false;
            i += found;
            switch (_json[i])
            {
                case (byte)'"':
                    Position = i;
                    if (!SkipString()) return false;
                    i = Position;
                    continue;
                case (byte)'{':
                case (byte)'[':
                    depth++;
                    break;
                default:
                    if (--depth == 0)
                    {
                        Position = i + 1;
                        return true;
                    }
                    break;
            }
            i++;
        }
    }
}
