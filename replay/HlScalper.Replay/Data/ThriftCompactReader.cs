using HlScalper.Replay.Data.Compact;

namespace HlScalper.Replay.Data;

/// <summary>Just enough of Thrift's compact protocol to walk a Parquet page header: field headers, zigzag integers, and skipping whatever else a writer put there.</summary>
/// <remarks>
/// Every read is bounds-checked against the span and answers false instead of throwing: the bytes come from a file that may be
/// damaged or hostile, and a caller that cannot parse a header falls back to the full reader, which reports the damage.
/// Nesting is limited (<see cref="MaxDepth"/>) so a header of nested structs cannot exhaust the stack.
/// </remarks>
internal ref struct ThriftCompactReader(ReadOnlySpan<byte> bytes)
{
    public const byte Stop = 0, True = 1, False = 2, Byte = 3, I16 = 4, I32 = 5, I64 = 6, Double = 7, Binary = 8, List = 9, Set = 10, Map = 11, Struct = 12;
    private const int MaxDepth = 16;

    private readonly ReadOnlySpan<byte> _bytes = bytes;

    private int _position;

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>The next field of the struct being read: its type (<see cref="Stop"/> at the struct's end) and id, relative to <paramref name="lastId"/>, which it updates.</summary>
    public bool TryReadField(ref short lastId, out byte type, out short id)
    {
        id = 0;
        if (!TryReadByte(out type)) return false;
        if (type == Stop) return true;
        var delta = type >> 4;
        type &= 0x0F;
        if (delta != 0) id = (short)(lastId + delta);
        else if (TryReadZigzag(out var wide) && wide is >= short.MinValue and <= short.MaxValue) id = (short)wide;
        else return false;
        lastId = id;
        return true;
    }

    /// <summary>An i32 field's value.</summary>
    public bool TryReadI32(out int value)
    {
        value = 0;
        if (!TryReadZigzag(out var wide) || wide is < int.MinValue or > int.MaxValue) return false;
        value = (int)wide;
        return true;
    }

    /// <summary>A binary (or string) field's bytes, a slice of the input.</summary>
    public bool TryReadBinary(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!TryReadVarint(out var length) || length > (ulong)(_bytes.Length - _position)) return false;
        value = _bytes.Slice(_position, (int)length);
        _position += (int)length;
        return true;
    }

    /// <summary>A list's (or set's) header: its elements' type and how many there are, refused when they could not fit in the bytes left (each takes at least one).</summary>
    public bool TryReadListHeader(out byte elementType, out int count)
    {
        (elementType, count) = (Stop, 0);
        if (!TryReadByte(out var head)) return false;
        var size = (ulong)(head >> 4);
        if (size == 15 && !TryReadVarint(out size)) return false;
        if (size > (ulong)(_bytes.Length - _position)) return false;
        (elementType, count) = ((byte)(head & 0x0F), (int)size);
        return true;
    }

    /// <summary>Passes over a value of <paramref name="type"/>, whatever it holds.</summary>
    public bool TrySkip(byte type) => TrySkip(type, depth: 0, inCollection: false);

    private bool TrySkip(byte type, int depth, bool inCollection)
    {
        if (depth > MaxDepth) return false;
        switch (type)
        {
            case True or False:
                return !inCollection || TryAdvance(1);
            case Byte:
                return TryAdvance(1);
            case I16 or I32 or I64:
                return TryReadVarint(out _);
            case Double:
                return TryAdvance(8);
            case Binary:
                return TryReadBinary(out _);
            case List or Set:
                return TryReadListHeader(out var element, out var elements) && TrySkipElements((ulong)elements, element, Stop, depth);
            case Map:
                {
                    if (!TryReadVarint(out var count)) return false;
                    if (count == 0) return true;
                    if (!TryReadByte(out var kinds)) return false;
                    return TrySkipElements(count, (byte)(kinds >> 4), (byte)(kinds & 0x0F), depth);
                }
            case Struct:
                {
                    short last = 0;
                    while (true)
                    {
                        if (!TryReadField(ref last, out var field, out _)) return false;
                        if (field == Stop) return true;
                        if (!TrySkip(field, depth + 1, inCollection: false)) return false;
                    }
                }
            default:
                return false;
        }
    }

    /// <summary>A collection's elements (pairs when <paramref name="valueType"/> is not <see cref="Stop"/>); each takes at least a byte, so a count past the bytes left is refused before any is read.</summary>
    private bool TrySkipElements(ulong count, byte keyType, byte valueType, int depth)
    {
        if (count > (ulong)(_bytes.Length - Position)) return false;
        for (var i = 0UL; i < count; i++)
        {
            if (!TrySkip(keyType, depth + 1, inCollection: true)) return false;
            if (valueType != Stop && !TrySkip(valueType, depth + 1, inCollection: true)) return false;
        }
        return true;
    }

    private bool TryReadZigzag(out long value)
    {
        var read = TryReadVarint(out var raw);
        value = Varint.UnZigZag(raw);
        return read;
    }

    private bool TryReadVarint(out ulong value) => Varint.TryRead(_bytes, ref _position, out value);

    private bool TryReadByte(out byte value)
    {
        value = 0;
        if (_position >= _bytes.Length) return false;
        value = _bytes[_position++];
        return true;
    }

    private bool TryAdvance(int count)
    {
        if (count > _bytes.Length - _position) return false;
        _position += count;
        return true;
    }
}
