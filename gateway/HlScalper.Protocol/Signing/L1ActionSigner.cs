using HlScalper.Protocol.Actions;

namespace HlScalper.Protocol.Signing;

/// <summary>Signs L1 actions for one key and network: hash (§11 steps 1–5) then ECDSA (step 6). One instance per thread.</summary>
public sealed class L1ActionSigner(IDigestSigner signer, bool isMainnet)
{
    private readonly L1ActionHasher _hasher = new();

    public IDigestSigner Signer => signer;

    public bool IsMainnet => isMainnet;

    /// <summary>The hasher holding the last action's msgpack and preimage, for diagnostics and vector checks.</summary>
    public L1ActionHasher Hasher => _hasher;

    public void Sign(ExchangeAction action, long nonce, EthAddress? vault, long? expiresAfter, out EcdsaSignature signature)
    {
        Span<byte> digest = stackalloc byte[32];
        _hasher.Digest(action, nonce, vault, expiresAfter, isMainnet, digest);
        signer.Sign(digest, out signature);
    }
}
