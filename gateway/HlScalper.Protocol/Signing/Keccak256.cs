using Org.BouncyCastle.Crypto.Digests;

namespace HlScalper.Protocol.Signing;

/// <summary>Ethereum's Keccak-256 (not SHA3-256) over one reused BouncyCastle digest: no allocation per hash, one instance per thread.</summary>
public sealed class Keccak256
{
    private readonly KeccakDigest _digest = new(256);

    public void Hash(ReadOnlySpan<byte> data, Span<byte> hash32)
    {
        _digest.BlockUpdate(data);
        _digest.DoFinal(hash32);
    }

    public Bytes32 Hash(ReadOnlySpan<byte> data)
    {
        var hash = default(Bytes32);
        Hash(data, hash);
        return hash;
    }
}
