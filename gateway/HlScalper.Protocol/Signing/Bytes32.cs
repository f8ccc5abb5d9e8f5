using System.Runtime.CompilerServices;

namespace HlScalper.Protocol.Signing;

/// <summary>32 bytes inline (a Keccak-256 hash, an ECDSA r or s, a private key): a value type, so hashing and signing allocate nothing.</summary>
[InlineArray(Length)]
public struct Bytes32
{
    public const int Length = 32;

    private byte _element0;

    /// <summary>Copies exactly 32 bytes.</summary>
    public static Bytes32 From(ReadOnlySpan<byte> source)
    {
        if (source.Length != Length) throw new ArgumentException($"expected {Length} bytes, got {source.Length}", nameof(source));
        var value = default(Bytes32);
        source.CopyTo(value);
        return value;
    }

    /// <summary>"0x" + 64 lower-case hex digits.</summary>
    public override readonly string ToString() => Hex.ToPrefixedString(this);
}
