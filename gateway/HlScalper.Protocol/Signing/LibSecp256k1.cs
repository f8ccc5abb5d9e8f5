using System.Runtime.InteropServices;

namespace HlScalper.Protocol.Signing;

/// <summary>The few libsecp256k1 entry points the signer needs, bound once through function pointers (no marshalling, no delegates).</summary>
/// <remarks>Loaded from the Debian package <c>libsecp256k1-1</c> (or any build with the recovery module); <see cref="Instance"/> is null when absent.</remarks>
internal sealed unsafe class LibSecp256k1
{
    // SECP256K1_CONTEXT_SIGN | SECP256K1_CONTEXT_VERIFY: required before 0.2, accepted (and ignored) since.
    private const uint ContextSignVerify = 0x0201 | 0x0101;
    private const uint EcUncompressed = 0x0002;

    private static readonly string[] Names = ["libsecp256k1.so.2", "libsecp256k1.so.1", "libsecp256k1.so.0", "libsecp256k1.so", "libsecp256k1.dylib", "secp256k1"];

    private readonly IntPtr _context;
    private readonly delegate* unmanaged<IntPtr, byte*, int> _seckeyVerify;
    private readonly delegate* unmanaged<IntPtr, byte*, byte*, int> _pubkeyCreate;
    private readonly delegate* unmanaged<IntPtr, byte*, nuint*, byte*, uint, int> _pubkeySerialize;
    private readonly delegate* unmanaged<IntPtr, byte*, byte*, byte*, IntPtr, IntPtr, int> _signRecoverable;
    private readonly delegate* unmanaged<IntPtr, byte*, int*, byte*, int> _serializeCompact;
    private readonly delegate* unmanaged<IntPtr, byte*, byte*, int, int> _parseCompact;
    // The three scalar operations of the online signature run a few dozen ns of pure arithmetic in the library (no
    // allocation, no blocking, no callback), so they skip the GC transition of an ordinary unmanaged call.
    private readonly delegate* unmanaged<IntPtr, byte*, byte*, byte*, int> _recover;
    private readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, byte*, byte*, int> _tweakMul;
    private readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, byte*, byte*, int> _tweakAdd;
    private readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, byte*, int> _negate;

    private LibSecp256k1(IntPtr library)
    {
        var create = (delegate* unmanaged<uint, IntPtr>)NativeLibrary.GetExport(library, "secp256k1_context_create");
        _seckeyVerify = (delegate* unmanaged<IntPtr, byte*, int>)NativeLibrary.GetExport(library, "secp256k1_ec_seckey_verify");
        _pubkeyCreate = (delegate* unmanaged<IntPtr, byte*, byte*, int>)NativeLibrary.GetExport(library, "secp256k1_ec_pubkey_create");
        _pubkeySerialize = (delegate* unmanaged<IntPtr, byte*, nuint*, byte*, uint, int>)NativeLibrary.GetExport(library, "secp256k1_ec_pubkey_serialize");
        _signRecoverable = (delegate* unmanaged<IntPtr, byte*, byte*, byte*, IntPtr, IntPtr, int>)NativeLibrary.GetExport(library, "secp256k1_ecdsa_sign_recoverable");
        _serializeCompact = (delegate* unmanaged<IntPtr, byte*, int*, byte*, int>)NativeLibrary.GetExport(library, "secp256k1_ecdsa_recoverable_signature_serialize_compact");
        _parseCompact = (delegate* unmanaged<IntPtr, byte*, byte*, int, int>)NativeLibrary.GetExport(library, "secp256k1_ecdsa_recoverable_signature_parse_compact");
        _recover = (delegate* unmanaged<IntPtr, byte*, byte*, byte*, int>)NativeLibrary.GetExport(library, "secp256k1_ecdsa_recover");
        _tweakMul = (delegate* unmanaged[SuppressGCTransition]<IntPtr, byte*, byte*, int>)NativeLibrary.GetExport(library, "secp256k1_ec_seckey_tweak_mul");
        _tweakAdd = (delegate* unmanaged[SuppressGCTransition]<IntPtr, byte*, byte*, int>)NativeLibrary.GetExport(library, "secp256k1_ec_seckey_tweak_add");
        _negate = (delegate* unmanaged[SuppressGCTransition]<IntPtr, byte*, int>)NativeLibrary.GetExport(library, "secp256k1_ec_seckey_negate");
        _context = create(ContextSignVerify);
        if (_context == IntPtr.Zero) throw new InvalidOperationException("secp256k1_context_create failed");
    }

    /// <summary>The loaded library, or null when it is not installed or lacks the recovery module.</summary>
    public static LibSecp256k1? Instance { get; } = Load();

    public bool IsValidPrivateKey(ReadOnlySpan<byte> key32)
    {
        fixed (byte* key = key32) return key32.Length == 32 && _seckeyVerify(_context, key) == 1;
    }

    /// <summary>True when the 32 big-endian bytes are a scalar in [1, n − 1].</summary>
    public bool IsValidScalar(byte* scalar32) => _seckeyVerify(_context, scalar32) == 1;

    /// <summary>x ← x·y mod n; false (and x zeroed) when x or y is not in [1, n − 1]. x and y may be the same buffer: the library reads both before it writes.</summary>
    public bool MultiplyScalar(byte* x32, byte* y32) => _tweakMul(_context, x32, y32) == 1;

    /// <summary>x ← x + y mod n; false (and x zeroed) when x is not in [1, n − 1], y ≥ n, or the sum is zero.</summary>
    public bool AddScalar(byte* x32, byte* y32) => _tweakAdd(_context, x32, y32) == 1;

    /// <summary>x ← n − x.</summary>
    public void NegateScalar(byte* x32) => _negate(_context, x32);

    /// <summary>The 65-byte uncompressed serialisation 0x04 ‖ x ‖ y of k·G; false when k is not in [1, n − 1].</summary>
    public bool PublicPoint(byte* k32, byte* uncompressed65)
    {
        var pubkey = stackalloc byte[64];
        nuint length = 65;
        if (_pubkeyCreate(_context, pubkey, k32) != 1) return false;
        _pubkeySerialize(_context, uncompressed65, &length, pubkey, EcUncompressed);
        new Span<byte>(pubkey, 64).Clear();
        return true;
    }

    /// <summary>The 64-byte x ‖ y of the key's public point.</summary>
    public void PublicKey(ReadOnlySpan<byte> key32, Span<byte> xy64)
    {
        var pubkey = stackalloc byte[64];
        var serialized = stackalloc byte[65];
        nuint length = 65;
        fixed (byte* key = key32)
        {
            if (_pubkeyCreate(_context, pubkey, key) != 1) throw new ArgumentException("not a valid secp256k1 private key");
        }
        _pubkeySerialize(_context, serialized, &length, pubkey, EcUncompressed);
        new ReadOnlySpan<byte>(serialized + 1, 64).CopyTo(xy64);
    }

    /// <summary>RFC 6979 (the library's default nonce function), already low-s; writes r ‖ s and returns the recovery id.</summary>
    public int Sign(ReadOnlySpan<byte> digest32, byte* key32, Span<byte> rs64)
    {
        var signature = stackalloc byte[65];
        int recoveryId;
        fixed (byte* digest = digest32)
        fixed (byte* output = rs64)
        {
            if (_signRecoverable(_context, signature, digest, key32, IntPtr.Zero, IntPtr.Zero) != 1)
                throw new InvalidOperationException("secp256k1_ecdsa_sign_recoverable failed");
            _serializeCompact(_context, output, &recoveryId, signature);
        }
        return recoveryId;
    }

    /// <summary>The 64-byte x ‖ y of the key that signed <paramref name="digest32"/>; false when the signature recovers no key.</summary>
    public bool Recover(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> rs64, int recoveryId, Span<byte> xy64)
    {
        if (digest32.Length != 32 || rs64.Length != 64 || recoveryId is < 0 or > 3) return false;
        var signature = stackalloc byte[65];
        var pubkey = stackalloc byte[64];
        var serialized = stackalloc byte[65];
        nuint length = 65;
        fixed (byte* input = rs64)
        fixed (byte* digest = digest32)
        {
            if (_parseCompact(_context, signature, input, recoveryId) != 1 || _recover(_context, pubkey, signature, digest) != 1) return false;
        }
        _pubkeySerialize(_context, serialized, &length, pubkey, EcUncompressed);
        new ReadOnlySpan<byte>(serialized + 1, 64).CopyTo(xy64);
        return true;
    }

    private static LibSecp256k1? Load()
    {
        foreach (var name in Names)
        {
            if (!NativeLibrary.TryLoad(name, out var library)) continue;
            if (!NativeLibrary.TryGetExport(library, "secp256k1_ecdsa_sign_recoverable", out _)) continue;
            return new LibSecp256k1(library);
        }
        return null;
    }
}
