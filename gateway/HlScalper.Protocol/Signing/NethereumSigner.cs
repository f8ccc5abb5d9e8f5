using NBitcoin.Secp256k1;

namespace HlScalper.Protocol.Signing;

/// <summary>The managed signer (Nethereum.Signer's secp256k1, RFC 6979, low-s): slower than libsecp256k1 and allocating, so a machine with only the .NET SDK still signs.</summary>
/// <remarks>
/// It signs through <c>NBitcoin.Secp256k1</c>, the C# port of libsecp256k1 that Nethereum.Signer ships and signs with, given the
/// 32-byte key as it is: <c>EthECKey.SignAndCalculateV</c> hands that port the key as a trimmed big integer, so a key whose first
/// byte is 0 (one in 256) throws "b32 should be of length 32". The key sits in managed memory (the GC may copy it): install
/// libsecp256k1 for a key held in native memory.
/// </remarks>
public sealed class NethereumSigner : IDigestSigner
{
    private readonly ECPrivKey _key;

    public NethereumSigner(ReadOnlySpan<byte> privateKey32)
    {
        if (!CurveOrder.IsScalar(privateKey32)) throw new ArgumentException("not a valid secp256k1 private key", nameof(privateKey32));
        _key = ECPrivKey.Create(privateKey32);
        Span<byte> publicKey = stackalloc byte[65];
        _key.CreatePubKey().WriteToSpan(compressed: false, publicKey, out _);
        Address = EthAddress.FromPublicKey(publicKey[1..], new Keccak256());
    }

    public string Name => "Nethereum";

    public EthAddress Address { get; }

    public void Sign(ReadOnlySpan<byte> digest32, out EcdsaSignature signature)
    {
        if (digest32.Length != 32) throw new ArgumentException("a digest is 32 bytes", nameof(digest32));
        if (!_key.TrySignRecoverable(digest32, out var signed) || signed is null) throw new InvalidOperationException("RFC 6979 found no nonce for this digest");
        Span<byte> compact = stackalloc byte[64];
        signed.WriteToSpanCompact(compact, out var recoveryId);
        signature = default;
        compact[..32].CopyTo(signature.R);
        compact[32..].CopyTo(signature.S);
        signature.V = (byte)(27 + recoveryId);
    }

    public void Dispose() => _key.Dispose();
}
