using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;

namespace HlScalper.Gateway.Signing;

/// <summary>The managed fallback signer (BouncyCastle, <c>CustomNamedCurves</c>): ~4× slower than libsecp256k1 and allocating, so a machine with only the .NET SDK still signs.</summary>
public sealed class BouncyCastleSigner : IDigestSigner
{
    private readonly ECDsaSigner _signer = new(new HMacDsaKCalculator(new Sha256Digest()));
    private readonly ECPrivateKeyParameters _key;

    public BouncyCastleSigner(ReadOnlySpan<byte> privateKey32)
    {
        if (!Secp256k1Curve.IsValidPrivateKey(privateKey32)) throw new ArgumentException("not a valid secp256k1 private key", nameof(privateKey32));
        _key = new ECPrivateKeyParameters(new BigInteger(1, privateKey32), Secp256k1Curve.Domain);
        _signer.Init(true, _key);
        Address = Secp256k1Curve.AddressOf(Secp256k1Curve.Domain.G.Multiply(_key.D));
    }

    public string Name => "BouncyCastle";

    public EthAddress Address { get; }

    public void Sign(ReadOnlySpan<byte> digest32, out EcdsaSignature signature)
    {
        var rs = _signer.GenerateSignature(digest32.ToArray());
        var r = rs[0];
        var s = rs[1];
        // Low-s: (r, n − s) is the same signature's twin; Ethereum and Hyperliquid accept only the lower one.
        if (s.CompareTo(Secp256k1Curve.HalfOrder) > 0) s = Secp256k1Curve.Order.Subtract(s);

        signature = default;
        r.ToByteArrayUnsigned().CopyTo(signature.R[(32 - r.ToByteArrayUnsigned().Length)..]);
        s.ToByteArrayUnsigned().CopyTo(signature.S[(32 - s.ToByteArrayUnsigned().Length)..]);
        // ECDsaSigner does not expose R's y parity: find the recovery id that gives our own key back.
        for (var recoveryId = 0; recoveryId < 2; recoveryId++)
        {
            var q = Secp256k1Curve.Recover(digest32, r, s, recoveryId);
            if (q is not null && Secp256k1Curve.AddressOf(q) == Address)
            {
                signature.V = (byte)(27 + recoveryId);
                return;
            }
        }
        throw new InvalidOperationException("no recovery id reproduces the signing key");
    }

    public void Dispose()
    {
    }
}
