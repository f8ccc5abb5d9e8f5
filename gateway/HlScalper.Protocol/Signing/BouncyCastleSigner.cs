using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC.Multiplier;

namespace HlScalper.Protocol.Signing;

/// <summary>The managed fallback signer (BouncyCastle, <c>CustomNamedCurves</c>): slower than libsecp256k1 and allocating, so a machine with only the .NET SDK still signs.</summary>
/// <remarks>
/// ECDSA is written out here rather than through <c>ECDsaSigner</c> because the recovery id needs the
/// y parity of R = kG, which <c>ECDsaSigner</c> does not expose; recovering it afterwards would cost two
/// more point multiplications.
/// </remarks>
public sealed class BouncyCastleSigner : IDigestSigner
{
    private readonly HMacDsaKCalculator _k = new(new Sha256Digest());
    private readonly FixedPointCombMultiplier _multiplier = new();
    private readonly BigInteger _d;

    public BouncyCastleSigner(ReadOnlySpan<byte> privateKey32)
    {
        if (!Secp256k1Curve.IsValidPrivateKey(privateKey32)) throw new ArgumentException("not a valid secp256k1 private key", nameof(privateKey32));
        _d = new BigInteger(1, privateKey32);
        Address = Secp256k1Curve.AddressOf(_multiplier.Multiply(Secp256k1Curve.Domain.G, _d));
    }

    public string Name => "BouncyCastle";

    public EthAddress Address { get; }

    public void Sign(ReadOnlySpan<byte> digest32, out EcdsaSignature signature)
    {
        if (digest32.Length != 32) throw new ArgumentException("a digest is 32 bytes", nameof(digest32));
        var n = Secp256k1Curve.Order;
        var e = new BigInteger(1, digest32);
        // RFC 6979: k from HMAC-SHA256 over the key and the digest, as libsecp256k1, eth_account and viem do.
        _k.Init(n, _d, digest32.ToArray());
        BigInteger r, s;
        int recoveryId;
        do
        {
            BigInteger k;
            Org.BouncyCastle.Math.EC.ECPoint p;
            do
            {
                k = _k.NextK();
                p = _multiplier.Multiply(Secp256k1Curve.Domain.G, k).Normalize();
                r = p.AffineXCoord.ToBigInteger().Mod(n);
            }
            while (r.SignValue == 0);
            // x ≥ n happens with probability ~2⁻¹²⁸ and cannot be expressed in v = 27/28.
            if (p.AffineXCoord.ToBigInteger().CompareTo(n) >= 0) throw new InvalidOperationException("R.x overflowed the curve order");
            recoveryId = p.AffineYCoord.ToBigInteger().TestBit(0) ? 1 : 0;
            s = Org.BouncyCastle.Utilities.BigIntegers.ModOddInverse(n, k).Multiply(e.Add(_d.Multiply(r))).Mod(n);
        }
        while (s.SignValue == 0);
        // Low-s: (r, n − s) is the same signature's twin, for the point −R; Ethereum and Hyperliquid take only the lower one.
        if (s.CompareTo(Secp256k1Curve.HalfOrder) > 0)
        {
            s = n.Subtract(s);
            recoveryId ^= 1;
        }
        signature = default;
        WriteUnsigned(r, signature.R);
        WriteUnsigned(s, signature.S);
        signature.V = (byte)(27 + recoveryId);
    }

    public void Dispose()
    {
    }

    private static void WriteUnsigned(BigInteger value, Span<byte> destination32)
    {
        var bytes = value.ToByteArrayUnsigned();
        bytes.CopyTo(destination32[(32 - bytes.Length)..]);
    }
}
