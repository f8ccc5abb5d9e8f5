namespace HlScalper.Protocol.Signing;

/// <summary>Lower-case hex with the Ethereum "0x" prefix, written straight into UTF-8 buffers.</summary>
public static class Hex
{
    private static ReadOnlySpan<byte> Digits => "0123456789abcdef"u8;

    /// <summary>Writes "0x" and two lower-case digits per byte; returns the number of bytes written.</summary>
    public static int WritePrefixed(ReadOnlySpan<byte> bytes, Span<byte> utf8)
    {
        utf8[0] = (byte)'0';
        utf8[1] = (byte)'x';
        for (var i = 0; i < bytes.Length; i++)
        {
            utf8[2 + 2 * i] = Digits[bytes[i] >> 4];
            utf8[3 + 2 * i] = Digits[bytes[i] & 0xF];
        }
        return 2 + 2 * bytes.Length;
    }

    public static string ToPrefixedString(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    /// <summary>Parses hex with an optional "0x" prefix, either case, into exactly <paramref name="destination"/>.Length bytes.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, Span<byte> destination)
    {
        if (text.StartsWith("0x") || text.StartsWith("0X")) text = text[2..];
        if (text.Length != 2 * destination.Length) return false;
        for (var i = 0; i < destination.Length; i++)
        {
            var hi = Nibble(text[2 * i]);
            var lo = Nibble(text[2 * i + 1]);
            if ((hi | lo) < 0) return false;
            destination[i] = (byte)(hi << 4 | lo);
        }
        return true;
    }

    /// <summary>Parses variable-length hex with an optional "0x" prefix (vector files, test fixtures).</summary>
    public static byte[] Parse(string text)
    {
        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        var bytes = new byte[digits.Length / 2];
        if (digits.Length % 2 != 0 || !TryParse(digits, bytes)) throw new FormatException($"not an even-length hex string ({text.Length} characters)");
        return bytes;
    }

    private static int Nibble(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
