namespace HlScalper.Protocol.Signing;

/// <summary>A secp256k1 key that signs 32-byte digests: RFC 6979 deterministic k, low-s, v = 27 + recovery id.</summary>
/// <remarks>Both implementations give identical signatures (tested on every vector); an instance is used by one thread at a time.</remarks>
public interface IDigestSigner : IDisposable
{
    /// <summary>"libsecp256k1" or "BouncyCastle", for the start-up line that says which signer runs.</summary>
    string Name { get; }

    /// <summary>The address of the key (never the key itself).</summary>
    EthAddress Address { get; }

    void Sign(ReadOnlySpan<byte> digest32, out EcdsaSignature signature);
}
