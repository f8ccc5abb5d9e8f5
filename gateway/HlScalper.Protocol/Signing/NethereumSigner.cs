using Nethereum.Signer;

namespace HlScalper.Protocol.Signing;

/// <summary>The managed signer (Nethereum.Signer, RFC 6979, low-s): slower than libsecp256k1 and allocating, so a machine with only the .NET SDK still signs.</summary>
/// <remarks>
/// Nethereum keeps the key in a managed array (the GC may copy it): install libsecp256k1 for a key held in native memory.
/// <see cref="EthECKey.SignRecoverable"/> is switched on for the whole process: it makes Nethereum sign through its
/// NBitcoin.Secp256k1 port, which returns the recovery id with the signature instead of finding it by trial recovery.
/// </remarks>
public sealed class NethereumSigner : IDigestSigner
{
    private readonly EthECKey _key;
    private readonly byte[] _digest = new byte[32];

    static NethereumSigner() => EthECKey.SignRecoverable = true;

    public NethereumSigner(ReadOnlySpan<byte> privateKey32)
    {
        if (!CurveOrder.IsScalar(privateKey32)) throw new ArgumentException("not a valid secp256k1 private key", nameof(privateKey32));
        _key = new EthECKey(privateKey32.ToArray(), isPrivate: true);
        Address = EthAddress.FromPublicKey(_key.GetPubKeyNoPrefix(), new Keccak256());
    }

    public string Name => "Nethereum";

    public EthAddress Address { get; }

    public void Sign(ReadOnlySpan<byte> digest32, out EcdsaSignature signature)
    {
        if (digest32.Length != 32) throw new ArgumentException("a digest is 32 bytes", nameof(digest32));
        digest32.CopyTo(_digest);
        var signed = _key.SignAndCalculateV(_digest);
        signature = default;
        // Nethereum trims leading zero bytes of r and s: right-align them.
        signed.R.CopyTo(signature.R[(32 - signed.R.Length)..]);
        signed.S.CopyTo(signature.S[(32 - signed.S.Length)..]);
        signature.V = signed.V[0];
    }

    public void Dispose()
    {
    }
}
