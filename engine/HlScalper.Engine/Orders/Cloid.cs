using System.Buffers.Text;

namespace HlScalper.Engine.Orders;

/// <summary>A client order id: 16 bytes, written on the wire as "0x" + 32 lower-case hex digits.</summary>
public readonly record struct Cloid(ulong Hi, ulong Lo)
{
    /// <summary>Length of the wire form.</summary>
    public const int WireLength = 34;

    public bool IsEmpty => Hi == 0 && Lo == 0;

    /// <summary>The engine's own cloids: a fixed 8-byte prefix naming the instance, then a counter; recovery adopts orders by the prefix.</summary>
    public static Cloid FromPrefix(ulong prefix, ulong counter) => new(prefix, counter);

    public bool HasPrefix(ulong prefix) => Hi == prefix;

    public int Format(Span<byte> utf8)
    {
        utf8[0] = (byte)'0';
        utf8[1] = (byte)'x';
        WriteHex(Hi, utf8.Slice(2, 16));
        WriteHex(Lo, utf8.Slice(18, 16));
        return WireLength;
    }

    public static bool TryParse(ReadOnlySpan<byte> utf8, out Cloid cloid)
    {
        cloid = default;
        if (utf8.Length != WireLength || utf8[0] != '0' || (utf8[1] | 0x20) != 'x') return false;
        if (!TryReadHex(utf8.Slice(2, 16), out var hi) || !TryReadHex(utf8.Slice(18, 16), out var lo)) return false;
        cloid = new Cloid(hi, lo);
        return true;
    }

    public static Cloid Parse(string text) =>
        TryParse(System.Text.Encoding.ASCII.GetBytes(text), out var c) ? c : throw new FormatException($"'{text}' is not a cloid (0x + 32 hex digits)");

    public override string ToString()
    {
        Span<byte> buffer = stackalloc byte[WireLength];
        Format(buffer);
        return System.Text.Encoding.ASCII.GetString(buffer);
    }

    private static void WriteHex(ulong value, Span<byte> destination)
    {
        for (var i = 15; i >= 0; i--)
        {
            var nibble = (int)(value & 0xF);
            destination[i] = (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
            value >>= 4;
        }
    }

    private static bool TryReadHex(ReadOnlySpan<byte> hex, out ulong value) =>
        Utf8Parser.TryParse(hex, out value, out var consumed, 'x') && consumed == hex.Length;
}
