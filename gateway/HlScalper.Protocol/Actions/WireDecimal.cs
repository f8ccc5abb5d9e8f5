using HlScalper.Engine.Numbers;

namespace HlScalper.Protocol.Actions;

/// <summary>A price or size as it goes on the wire: a fixed-point value, canonical ("2000", "0.1") unless told to keep a minimum of decimals.</summary>
/// <remarks>
/// Live orders always use the canonical form (from <see cref="Px"/>/<see cref="Sz"/>). <see cref="MinDecimals"/>
/// exists only so a hashed non-canonical string (the Rust SDK's test vectors hash "2000.0") can be reproduced.
/// </remarks>
public readonly record struct WireDecimal(long Raw, byte MinDecimals = 0)
{
    public const int MaxFormattedLength = Fixed8.MaxFormattedLength;

    public static implicit operator WireDecimal(Px px) => new(px.Raw);

    public static implicit operator WireDecimal(Sz sz) => new(sz.Raw);

    public int Format(Span<byte> utf8)
    {
        var length = Fixed8.Format(Raw, utf8);
        if (MinDecimals == 0) return length;
        var point = utf8[..length].IndexOf((byte)'.');
        var decimals = point < 0 ? 0 : length - point - 1;
        if (point < 0 && decimals < MinDecimals) utf8[length++] = (byte)'.';
        for (; decimals < MinDecimals; decimals++) utf8[length++] = (byte)'0';
        return length;
    }

    /// <summary>Parses a plain decimal and remembers trailing zeros, so <see cref="Format"/> gives back exactly the input.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out WireDecimal value)
    {
        value = default;
        if (Fixed8.TryParse(utf8, out var raw) != Fixed8Error.None) return false;
        var point = utf8.IndexOf((byte)'.');
        var written = point < 0 ? 0 : utf8.Length - point - 1;
        if (written > Fixed8.Decimals) return false;
        value = new WireDecimal(raw);
        Span<byte> canonical = stackalloc byte[MaxFormattedLength];
        if (utf8.SequenceEqual(canonical[..value.Format(canonical)])) return true;
        value = new WireDecimal(raw, (byte)written);
        Span<byte> padded = stackalloc byte[MaxFormattedLength];
        return utf8.SequenceEqual(padded[..value.Format(padded)]);
    }

    public override string ToString()
    {
        Span<byte> text = stackalloc byte[MaxFormattedLength];
        return System.Text.Encoding.ASCII.GetString(text[..Format(text)]);
    }
}
