namespace HlScalper.Protocol.Signing;

/// <summary>A recoverable secp256k1 signature as Hyperliquid takes it: 32-byte r and s (low-s), v = 27 + recovery id.</summary>
public struct EcdsaSignature
{
    /// <summary>Length of "0x" + 64 hex digits, the wire form of r and s.</summary>
    public const int HexLength = 66;

    public Bytes32 R;
    public Bytes32 S;
    public byte V;

    public readonly int RecoveryId => V - 27;

    public override readonly string ToString() => $"r={R} s={S} v={V}";
}
