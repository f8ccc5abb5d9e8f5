using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace HlScalper.Protocol.Signing;

/// <summary>secp256k1 through BouncyCastle's <c>CustomNamedCurves</c> (the fast field arithmetic; <c>SecNamedCurves</c> is ~5× slower): key derivation and public-key recovery.</summary>
public static class Secp256k1Curve
{
    private static readonly X9ECParameters Parameters = CustomNamedCurves.GetByName("secp256k1");

    public static ECDomainParameters Domain { get; } = new(Parameters);

    public static BigInteger Order => Domain.N;

    public static BigInteger HalfOrder { get; } = Domain.N.ShiftRight(1);

    /// <summary>The address of a private key: keccak256 of the uncompressed public key, last 20 bytes.</summary>
    public static EthAddress AddressOf(ReadOnlySpan<byte> privateKey32)
    {
        var d = new BigInteger(1, privateKey32);
        return AddressOf(Domain.G.Multiply(d));
    }

    /// <summary>Validates a private key: 32 bytes, 0 &lt; d &lt; n.</summary>
    public static bool IsValidPrivateKey(ReadOnlySpan<byte> privateKey32)
    {
        if (privateKey32.Length != 32) return false;
        var d = new BigInteger(1, privateKey32);
        return d.SignValue > 0 && d.CompareTo(Order) < 0;
    }

    /// <summary>The address that signed <paramref name="digest32"/>, or null when the signature recovers no point.</summary>
    public static EthAddress? Recover(ReadOnlySpan<byte> digest32, in EcdsaSignature signature)
    {
        if (signature.V is not (27 or 28)) return null;
        var r = new BigInteger(1, signature.R);
        var s = new BigInteger(1, signature.S);
        return Recover(digest32, r, s, signature.RecoveryId) is { } q ? AddressOf(q) : null;
    }

    /// <summary>Q = r⁻¹(sR − eG), with R the curve point of x = r and y parity = recovery id.</summary>
    internal static ECPoint? Recover(ReadOnlySpan<byte> digest32, BigInteger r, BigInteger s, int recoveryId)
    {
        var n = Order;
        if (r.SignValue <= 0 || r.CompareTo(n) >= 0 || s.SignValue <= 0 || s.CompareTo(n) >= 0) return null;
        Span<byte> compressed = stackalloc byte[33];
        compressed[0] = (byte)(0x02 | (recoveryId & 1));
        var x = r.ToByteArrayUnsigned();
        x.CopyTo(compressed[(33 - x.Length)..]);
        ECPoint rPoint;
        try
        {
            rPoint = Domain.Curve.DecodePoint(compressed.ToArray());
        }
        catch (ArgumentException)
        {
            return null;
        }
        var e = new BigInteger(1, digest32);
        var rInverse = r.ModInverse(n);
        var q = ECAlgorithms.SumOfTwoMultiplies(Domain.G, e.Negate().Multiply(rInverse).Mod(n), rPoint, s.Multiply(rInverse).Mod(n)).Normalize();
        return q.IsInfinity ? null : q;
    }

    internal static EthAddress AddressOf(ECPoint point)
    {
        var encoded = point.Normalize().GetEncoded(false);
        return EthAddress.FromPublicKey(encoded.AsSpan(1), new Keccak256());
    }
}
