using Nethereum.Signer;

namespace HlScalper.Protocol.Signing;

/// <summary>Key checks, key-to-address and signature recovery (Nethereum.Signer): the exchange's side of a signature, for the local exchange and the tests.</summary>
public static class Secp256k1Curve
{
    /// <summary>The address of a private key: keccak256 of the uncompressed public key, last 20 bytes.</summary>
    public static EthAddress AddressOf(ReadOnlySpan<byte> privateKey32) =>
        IsValidPrivateKey(privateKey32)
            ? EthAddress.FromPublicKey(new EthECKey(privateKey32.ToArray(), isPrivate: true).GetPubKeyNoPrefix(), new Keccak256())
            : throw new ArgumentException("not a valid secp256k1 private key", nameof(privateKey32));

    /// <summary>Validates a private key: 32 bytes, 0 &lt; d &lt; n.</summary>
    public static bool IsValidPrivateKey(ReadOnlySpan<byte> privateKey32) => CurveOrder.IsScalar(privateKey32);

    /// <summary>The address that signed <paramref name="digest32"/>, or null when the signature recovers no point (r or s outside [1, n − 1], v not 27 or 28, no curve point of x = r).</summary>
    public static EthAddress? Recover(ReadOnlySpan<byte> digest32, in EcdsaSignature signature)
    {
        if (digest32.Length != 32 || signature.V is not (27 or 28) || !CurveOrder.IsScalar(signature.R) || !CurveOrder.IsScalar(signature.S)) return null;
        ReadOnlySpan<byte> r = signature.R, s = signature.S;
        try
        {
            var key = EthECKey.RecoverFromSignature(EthECDSASignatureFactory.FromComponents(r.ToArray(), s.ToArray(), signature.V), digest32.ToArray());
            return key is null ? null : EthAddress.FromPublicKey(key.GetPubKeyNoPrefix(), new Keccak256());
        }
        catch (Exception e) when (e is ArgumentException or NullReferenceException)
        {
            // r is in range but no curve point has x = r (about half of all r): the exchange rejects such a signature too.
            // Nethereum.Signer 6.1.0 reports it as a NullReferenceException from inside ECKey.RecoverFromSignature.
            return null;
        }
    }
}
