using System.Runtime.CompilerServices;

namespace HlScalper.Protocol.Signing;

/// <summary>A 20-byte Ethereum address (account, agent, vault); written on the wire as "0x" + 40 lower-case hex digits.</summary>
public readonly struct EthAddress : IEquatable<EthAddress>
{
    public const int Length = 20;

    /// <summary>Length of the wire form.</summary>
    public const int WireLength = 2 + 2 * Length;

    private readonly Bytes20 _bytes;

    private EthAddress(ReadOnlySpan<byte> bytes)
    {
        var copy = default(Bytes20);
        bytes.CopyTo(copy);
        _bytes = copy;
    }

    public void CopyTo(Span<byte> destination)
    {
        ReadOnlySpan<byte> bytes = _bytes;
        bytes.CopyTo(destination);
    }

    public static EthAddress FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == Length ? new EthAddress(bytes) : throw new ArgumentException($"an address is {Length} bytes, got {bytes.Length}", nameof(bytes));

    /// <summary>The address of an uncompressed public key (64 bytes x ‖ y, without the 0x04 prefix): the last 20 bytes of its Keccak-256.</summary>
    public static EthAddress FromPublicKey(ReadOnlySpan<byte> xy, Keccak256 keccak)
    {
        Span<byte> hash = stackalloc byte[32];
        keccak.Hash(xy, hash);
        return new EthAddress(hash[12..]);
    }

    /// <summary>Accepts "0x" + 40 hex digits in any case (the EIP-55 checksum is not checked).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out EthAddress address)
    {
        Span<byte> bytes = stackalloc byte[Length];
        var ok = text.Length == WireLength && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && Hex.TryParse(text, bytes);
        address = ok ? new EthAddress(bytes) : default;
        return ok;
    }

    public static EthAddress Parse(string text) =>
        TryParse(text, out var a) ? a : throw new FormatException($"not an address: expected 0x + 40 hex digits, got {text.Length} characters");

    public int Format(Span<byte> utf8)
    {
        ReadOnlySpan<byte> bytes = _bytes;
        return Hex.WritePrefixed(bytes, utf8);
    }

    public bool Equals(EthAddress other)
    {
        ReadOnlySpan<byte> mine = _bytes, theirs = other._bytes;
        return mine.SequenceEqual(theirs);
    }

    public override bool Equals(object? obj) => obj is EthAddress other && Equals(other);

    public override int GetHashCode()
    {
        ReadOnlySpan<byte> bytes = _bytes;
        return BitConverter.ToInt32(bytes);
    }

    public static bool operator ==(EthAddress a, EthAddress b) => a.Equals(b);

    public static bool operator !=(EthAddress a, EthAddress b) => !a.Equals(b);

    /// <summary>"0x" + 40 lower-case hex digits.</summary>
    public override string ToString()
    {
        ReadOnlySpan<byte> bytes = _bytes;
        return Hex.ToPrefixedString(bytes);
    }

    [InlineArray(Length)]
    private struct Bytes20
    {
        private byte _element0;
    }
}
