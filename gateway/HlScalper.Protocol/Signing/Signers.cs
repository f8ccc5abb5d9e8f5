namespace HlScalper.Protocol.Signing;

/// <summary>Picks the signer: libsecp256k1 when installed, BouncyCastle otherwise.</summary>
public static class Signers
{
    public static IDigestSigner Create(ReadOnlySpan<byte> privateKey32) =>
        NativeSigner.IsAvailable ? new NativeSigner(privateKey32) : new BouncyCastleSigner(privateKey32);

    /// <summary>The line a program prints at start so the operator knows which signer runs.</summary>
    public static string Describe() => NativeSigner.IsAvailable
        ? "signer: libsecp256k1 (native)"
        : "signer: BouncyCastle (managed fallback; install libsecp256k1-1 for ~4x faster signing)";
}
