namespace HlScalper.Protocol.Signing;

/// <summary>Picks the signer: libsecp256k1 when installed, Nethereum otherwise; and, for orders, the nonce pool on top when it can.</summary>
public static class Signers
{
    /// <summary>The deterministic RFC 6979 signer of a key.</summary>
    public static IDigestSigner Create(ReadOnlySpan<byte> privateKey32) =>
        NativeSigner.IsAvailable ? new NativeSigner(privateKey32) : new NethereumSigner(privateKey32);

    /// <summary>
    /// The order signer: <paramref name="deterministic"/> with a background <see cref="NoncePool"/> on top when
    /// <paramref name="noncePool"/> is on and the signer is libsecp256k1's; otherwise <paramref name="deterministic"/> itself.
    /// The caller still owns <paramref name="deterministic"/>; disposing the result stops and zeroes the pool (disposing both,
    /// in either order, is safe).
    /// </summary>
    public static IDigestSigner ForOrders(IDigestSigner deterministic, bool noncePool) =>
        noncePool && deterministic is NativeSigner native ? new OnlineSigner(native, new NoncePool(native.Key)) : deterministic;

    /// <summary>The line a program prints at start so the operator knows which signer runs.</summary>
    public static string Describe() => NativeSigner.IsAvailable
        ? "signer: libsecp256k1 (native)"
        : "signer: Nethereum (managed fallback; install libsecp256k1-1 for faster signing and the nonce pool)";
}
