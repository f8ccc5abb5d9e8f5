using BenchmarkDotNet.Attributes;
using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Signing;

namespace HlScalper.Bench.Signing;

/// <summary>The cost of an order's signature, step by step: msgpack + keccak + EIP-712 digest, then ECDSA with each signer.</summary>
[Config(typeof(BenchConfig))]
public class SigningBenchmarks
{
    // The TS vectors' throwaway key.
    private static readonly byte[] Key = Hex.Parse("0xd8115cac38745ed24b379ddc191473caaa893413e469db6a64d5c0ad431899df");

    private readonly L1ActionHasher _hasher = new();
    private readonly OrderAction _order = new([OrderWire.Limit(0, true, Px.Parse("61264"), Sz.Parse("0.00123"), Tif.Alo, cloid: Cloid.FromPrefix(0xFEED, 1))]);
    private readonly byte[] _digest = new byte[32];
    private NativeSigner? _native;
    private NethereumSigner _managed = null!;
    private long _nonce = 1_721_999_722_412;

    [GlobalSetup]
    public void Setup()
    {
        _native = NativeSigner.IsAvailable ? new NativeSigner(Key) : null;
        _managed = new NethereumSigner(Key);
        _hasher.Digest(_order, _nonce, null, null, true, _digest);
    }

    [GlobalCleanup]
    public void Cleanup() => _native?.Dispose();

    [Benchmark]
    public byte Encode_and_hash()
    {
        Span<byte> digest = stackalloc byte[32];
        _hasher.Digest(_order, ++_nonce, null, null, true, digest);
        return digest[0];
    }

    [Benchmark(Baseline = true)]
    public byte Sign_libsecp256k1()
    {
        if (_native is null) throw new InvalidOperationException("libsecp256k1 is not installed");
        _native.Sign(_digest, out var signature);
        return signature.V;
    }

    [Benchmark]
    public byte Sign_BouncyCastle()
    {
        _managed.Sign(_digest, out var signature);
        return signature.V;
    }
}
