namespace HlScalper.Protocol.Signing;

/// <summary>
/// The order signer: s = a·z + b mod n from a <see cref="NoncePool"/> entry (two scalar operations in libsecp256k1, about
/// 2 µs, no allocation), low-s normalised; with the pool empty, the deterministic RFC 6979 signer instead (counted).
/// </summary>
/// <remarks>
/// A pool signature uses a random nonce, so the same digest signs differently each time; it verifies and recovers exactly
/// like an RFC 6979 one (the exchange only recovers the signer). Signing vectors therefore go through the deterministic
/// signer, never this one. One signing thread at a time, like every <see cref="IDigestSigner"/>. Disposing stops the pool
/// and zeroes it; the fallback signer belongs to the caller.
/// </remarks>
public sealed unsafe class OnlineSigner : IDigestSigner
{
    private readonly LibSecp256k1 _library;
    private readonly IDigestSigner _fallback;

    /// <param name="deterministic">The RFC 6979 signer of the same key: the fallback, and the key's address.</param>
    public OnlineSigner(IDigestSigner deterministic, NoncePool pool)
    {
        _library = LibSecp256k1.Instance ?? throw new InvalidOperationException("the online signer needs libsecp256k1 (Debian: apt-get install libsecp256k1-1)");
        _fallback = deterministic;
        Pool = pool;
    }

    public NoncePool Pool { get; }

    public string Name => $"{_fallback.Name} with a nonce pool";

    public EthAddress Address => _fallback.Address;

    /// <summary>Signatures made from a pool entry.</summary>
    public long PoolSignatures { get; private set; }

    /// <summary>Signatures that fell back to the RFC 6979 signer: the pool was empty (or, ≈ 2⁻¹²⁸, the digest was 0 or ≥ n).</summary>
    public long Fallbacks { get; private set; }

    public void Sign(ReadOnlySpan<byte> digest32, out EcdsaSignature signature)
    {
        if (digest32.Length != 32) throw new ArgumentException("a digest is 32 bytes", nameof(digest32));
        var entry = Pool.TryPeek();
        if (entry == null || !TrySign(entry, digest32, out signature))
        {
            Fallbacks++;
            _fallback.Sign(digest32, out signature);
            return;
        }
        Pool.Consume();
        PoolSignatures++;
    }

    private bool TrySign(byte* entry, ReadOnlySpan<byte> digest32, out EcdsaSignature signature)
    {
        signature = default;
        Span<byte> s = signature.S;
        new ReadOnlySpan<byte>(entry + NoncePool.AOffset, 32).CopyTo(s);
        fixed (byte* z = digest32)
        fixed (byte* sp = s)
        {
            // a·z holds the secret a until b is added: wipe it when the digest is out of range and the entry stays unused.
            if (!_library.MultiplyScalar(sp, z))
            {
                s.Clear();
                return false;
            }
            // A zero sum has probability 2⁻²⁵⁶; the entry is spent either way, the fallback signs.
            if (!_library.AddScalar(sp, entry + NoncePool.BOffset))
            {
                Pool.Consume();
                return false;
            }
            var recoveryId = entry[NoncePool.RecoveryIdOffset];
            // Low-s: (r, n − s) is the twin signature for −R, whose y parity is the other one.
            if (CurveOrder.IsHigh(s))
            {
                _library.NegateScalar(sp);
                recoveryId ^= 1;
            }
            new ReadOnlySpan<byte>(entry + NoncePool.ROffset, 32).CopyTo(signature.R);
            signature.V = (byte)(27 + recoveryId);
        }
        return true;
    }

    public void Dispose() => Pool.Dispose();
}
