using System.Runtime.InteropServices;

namespace HlScalper.Protocol.Signing;

/// <summary>The signer: libsecp256k1 through P/Invoke (≈25 µs, 0 B a signature); the key lives in unmanaged memory and is zeroed on dispose.</summary>
public sealed unsafe class NativeSigner : IDigestSigner
{
    private readonly LibSecp256k1 _library;
    private byte* _key;

    public NativeSigner(ReadOnlySpan<byte> privateKey32)
    {
        _library = LibSecp256k1.Instance ?? throw new InvalidOperationException("libsecp256k1 is not installed (Debian: apt-get install libsecp256k1-1)");
        if (!_library.IsValidPrivateKey(privateKey32)) throw new ArgumentException("not a valid secp256k1 private key", nameof(privateKey32));
        _key = (byte*)NativeMemory.Alloc(32);
        privateKey32.CopyTo(new Span<byte>(_key, 32));
        Span<byte> xy = stackalloc byte[64];
        _library.PublicKey(privateKey32, xy);
        Address = EthAddress.FromPublicKey(xy, new Keccak256());
    }

    /// <summary>True when libsecp256k1 with the recovery module could be loaded.</summary>
    public static bool IsAvailable => LibSecp256k1.Instance is not null;

    public string Name => "libsecp256k1";

    /// <summary>The key, for a <see cref="NoncePool"/> to copy into its own memory.</summary>
    internal ReadOnlySpan<byte> Key => _key != null ? new ReadOnlySpan<byte>(_key, 32) : throw new ObjectDisposedException(nameof(NativeSigner));

    public EthAddress Address { get; }

    public void Sign(ReadOnlySpan<byte> digest32, out EcdsaSignature signature)
    {
        ObjectDisposedException.ThrowIf(_key == null, this);
        if (digest32.Length != 32) throw new ArgumentException("a digest is 32 bytes", nameof(digest32));
        signature = default;
        Span<byte> rs = stackalloc byte[64];
        var recoveryId = _library.Sign(digest32, _key, rs);
        rs[..32].CopyTo(signature.R);
        rs[32..].CopyTo(signature.S);
        signature.V = (byte)(27 + recoveryId);
    }

    public void Dispose()
    {
        if (_key == null) return;
        new Span<byte>(_key, 32).Clear();
        NativeMemory.Free(_key);
        _key = null;
    }
}
