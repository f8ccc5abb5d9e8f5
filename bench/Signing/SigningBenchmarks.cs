using BenchmarkDotNet.Attributes;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Signing;

namespace HlScalper.Bench.Signing;

/// <summary>
/// An order's signature, digest included (msgpack + Keccak + EIP-712), with each signer: s from the nonce pool, libsecp256k1's
/// RFC 6979, Nethereum; and what one pool entry costs the refill thread (made and used, off the order path).
/// </summary>
/// <remarks>The pool is refilled before each iteration, so an iteration never outruns it: <see cref="Invocations"/> per iteration.</remarks>
[Config(typeof(BenchConfig))]
[InvocationCount(Invocations)]
public class SigningBenchmarks
{
    private const int Invocations = 2048;

    // The TS vectors' throwaway key.
    private static readonly byte[] Key = Hex.Parse("0xd8115cac38745ed24b379ddc191473caaa893413e469db6a64d5c0ad431899df");

    private readonly L1ActionHasher _hasher = new();
    private readonly OrderAction _order = new([OrderWire.Limit(0, true, Px.Parse("61264"), Sz.Parse("0.00123"), Tif.Alo, cloid: Cloid.FromPrefix(0xFEED, 1))]);
    private NativeSigner _native = null!;
    private OnlineSigner _online = null!;
    private OnlineSigner _oneEntry = null!;
    private NethereumSigner _managed = null!;
    private long _nonce = 1_721_999_722_412;

    [GlobalSetup]
    public void Setup()
    {
        if (!NativeSigner.IsAvailable) throw new InvalidOperationException("libsecp256k1 is not installed");
        _native = new NativeSigner(Key);
        _online = new OnlineSigner(_native, new NoncePool(Key, Invocations, background: false));
        _oneEntry = new OnlineSigner(_native, new NoncePool(Key, 1, background: false));
        _managed = new NethereumSigner(Key);
    }

    [IterationSetup(Target = nameof(Digest_and_sign_from_the_pool))]
    public void Refill() => _online.Pool.Fill();

    [GlobalCleanup]
    public void Cleanup()
    {
        _online.Dispose();
        _oneEntry.Dispose();
        _native.Dispose();
    }

    [Benchmark]
    public byte Digest() => Sign(null);

    [Benchmark]
    public byte Digest_and_sign_from_the_pool() => Sign(_online);

    [Benchmark(Baseline = true)]
    public byte Digest_and_sign_libsecp256k1_RFC6979() => Sign(_native);

    [Benchmark]
    public byte Digest_and_sign_Nethereum() => Sign(_managed);

    /// <summary>The refill thread's work per order: one entry made (CSPRNG k, k·G, k⁻¹, k⁻¹·r·d), then used.</summary>
    [Benchmark]
    public byte Pool_entry_made_and_used()
    {
        _oneEntry.Pool.Fill();
        return Sign(_oneEntry);
    }

    private byte Sign(IDigestSigner? signer)
    {
        Span<byte> digest = stackalloc byte[32];
        _hasher.Digest(_order, ++_nonce, null, null, true, digest);
        if (signer is null) return digest[0];
        signer.Sign(digest, out var signature);
        return signature.V;
    }
}
