namespace HlScalper.Protocol.Signing;

/// <summary>A secp256k1 key that signs 32-byte digests: low-s, v = 27 + recovery id.</summary>
/// <remarks>
/// <see cref="NativeSigner"/> and <see cref="NethereumSigner"/> use the RFC 6979 deterministic k and give identical signatures
/// (tested on every vector); <see cref="OnlineSigner"/> uses random precomputed nonces. An instance is used by one thread at a time.
/// </remarks>
public interface IDigestSigner : IDisposable
{
    /// <summary>"libsecp256k1", "Nethereum" or "libsecp256k1 with a nonce pool", for the start-up line that says which signer runs.</summary>
    string Name { get; }

    /// <summary>The address of the key (never the key itself).</summary>
    EthAddress Address { get; }

    void Sign(ReadOnlySpan<byte> digest32, out EcdsaSignature signature);
}
