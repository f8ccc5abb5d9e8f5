using CsCheck;
using HlScalper.Protocol.Signing;

namespace HlScalper.Protocol.Tests;

/// <summary>
/// The precomputed-nonce signer: its signatures recover to the key through two independent recoveries (libsecp256k1's
/// <c>ecdsa_recover</c>, Nethereum), are low-s, never repeat r; an empty pool falls back to RFC 6979 and is counted; a
/// used entry is zero at once; signing allocates nothing.
/// </summary>
public class OnlineSignerTests
{
    private static readonly byte[] Key = Hex.Parse("0xd8115cac38745ed24b379ddc191473caaa893413e469db6a64d5c0ad431899df");

    /// <summary>
    /// 100,000 signatures, as the issue asks. Almost all the time goes into making the 100,000 pool entries (k·G and k⁻¹) and
    /// recovering each signature, not into signing: 57 s on the project's 2-vCPU machine while other builds kept its load
    /// average near 30. Lower this (not the other checks) if the suite must get faster; the bound is linear in it.
    /// </summary>
    private const int Signatures = 100_000;

    /// <summary>Every this many signatures also goes through Nethereum's recovery (a few hundred µs each, so not all of them).</summary>
    private const int NethereumEvery = 100;

    private NativeSigner _deterministic = null!;

    [SetUp]
    public void RequireLibrary()
    {
        if (!NativeSigner.IsAvailable) Assert.Ignore("libsecp256k1 is not installed here (apt-get install libsecp256k1-1)");
        _deterministic = new NativeSigner(Key);
    }

    [TearDown]
    public void Dispose() => _deterministic?.Dispose();

    [Test]
    public void A_hundred_thousand_random_digests_sign_from_the_pool_recover_to_the_key_are_low_s_and_never_repeat_r()
    {
        using var signer = new OnlineSigner(_deterministic, new NoncePool(Key, capacity: 4096, background: false));
        var library = LibSecp256k1.Instance!;
        var keccak = new Keccak256();
        var rs = new HashSet<Bytes32Key>(Signatures);
        int recovered = 0, recoveredByNethereum = 0, high = 0, count = 0;
        var xy = new byte[64];
        var compact = new byte[64];

        Gen.Byte.Array[32].Sample(digest =>
        {
            if (signer.Pool.Count == 0) signer.Pool.Fill();
            signer.Sign(digest, out var signature);
            count++;
            ((ReadOnlySpan<byte>)signature.R).CopyTo(compact);
            ((ReadOnlySpan<byte>)signature.S).CopyTo(compact.AsSpan(32));
            if (library.Recover(digest, compact, signature.RecoveryId, xy) && EthAddress.FromPublicKey(xy, keccak) == signer.Address) recovered++;
            if (count % NethereumEvery == 0 && Secp256k1Curve.Recover(digest, signature) == signer.Address) recoveredByNethereum++;
            if (CurveOrder.IsHigh(signature.S)) high++;
            rs.Add(new Bytes32Key(signature.R));
        }, iter: Signatures, threads: 1);

        Assert.Multiple(() =>
        {
            Assert.That(count, Is.EqualTo(Signatures));
            Assert.That(signer.PoolSignatures, Is.EqualTo(Signatures), "every signature came from the pool");
            Assert.That(signer.Fallbacks, Is.Zero);
            Assert.That(recovered, Is.EqualTo(Signatures), "libsecp256k1 ecdsa_recover gives the key's address");
            Assert.That(recoveredByNethereum, Is.EqualTo(Signatures / NethereumEvery), "Nethereum's recovery agrees");
            Assert.That(high, Is.Zero, "every s is at most n/2");
            Assert.That(rs, Has.Count.EqualTo(Signatures), "no r repeats");
            Assert.That(signer.Pool.Rejected, Is.Zero);
        });
    }

    [Test]
    public void An_exhausted_pool_falls_back_to_the_deterministic_signer_and_counts_it()
    {
        using var signer = new OnlineSigner(_deterministic, new NoncePool(Key, capacity: 4, background: false));
        Assert.That(signer.Pool.Fill(), Is.EqualTo(4));
        var digests = Enumerable.Range(1, 6).Select(i => Enumerable.Repeat((byte)i, 32).ToArray()).ToArray();

        var signatures = digests.Select(d =>
        {
            signer.Sign(d, out var s);
            return s;
        }).ToArray();

        var deterministic = digests.Select(d =>
        {
            _deterministic.Sign(d, out var s);
            return s.ToString();
        }).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That((signer.PoolSignatures, signer.Fallbacks), Is.EqualTo((4L, 2L)));
            Assert.That(signatures[4..].Select(s => s.ToString()), Is.EqualTo(deterministic[4..]), "the two fallbacks are the RFC 6979 signatures");
            Assert.That(signatures[..4].Select(s => s.ToString()), Is.Not.EquivalentTo(deterministic[..4]), "pool signatures use random nonces");
            Assert.That(digests.Select((d, i) => Secp256k1Curve.Recover(d, signatures[i])), Is.All.EqualTo(signer.Address));
            Assert.That(signer.Pool.Count, Is.Zero);
        });
    }

    [Test]
    public void A_used_entry_is_zero_as_soon_as_it_has_signed()
    {
        using var signer = new OnlineSigner(_deterministic, new NoncePool(Key, capacity: 8, background: false));
        signer.Pool.Fill();
        var digest = Enumerable.Repeat((byte)7, 32).ToArray();

        for (var i = 0; i < 8; i++)
        {
            Assert.That(signer.Pool.IsSlotZero(i), Is.False, $"entry {i} is filled before use");
            signer.Sign(digest, out _);
            Assert.That(signer.Pool.IsSlotZero(i), Is.True, $"entry {i} is zero after use");
            Assert.That(i + 1 < 8 && signer.Pool.IsSlotZero(i + 1), Is.False, $"entry {i + 1} is still untouched");
        }
        Assert.That(signer.Pool.Taken, Is.EqualTo(8));
    }

    [Test]
    public void The_refill_thread_fills_the_pool_and_refills_what_was_used()
    {
        using var signer = new OnlineSigner(_deterministic, new NoncePool(Key, capacity: 16));
        var digest = Enumerable.Repeat((byte)9, 32).ToArray();
        Assert.That(SpinWait.SpinUntil(() => signer.Pool.Count == 16, TimeSpan.FromSeconds(60)), Is.True, "the pool filled");

        for (var i = 0; i < 10; i++) signer.Sign(digest, out _);

        Assert.That(SpinWait.SpinUntil(() => signer.Pool.Produced == 26 && signer.Pool.Count == 16, TimeSpan.FromSeconds(60)), Is.True,
            $"the 10 used entries were replaced (produced {signer.Pool.Produced}, ready {signer.Pool.Count})");
        Assert.That((signer.PoolSignatures, signer.Fallbacks), Is.EqualTo((10L, 0L)));
    }

    [Test]
    public void Signing_from_the_pool_allocates_nothing()
    {
        using var signer = new OnlineSigner(_deterministic, new NoncePool(Key, capacity: 2048, background: false));
        signer.Pool.Fill();
        var digest = Enumerable.Repeat((byte)1, 32).ToArray();
        for (var i = 0; i < 10; i++) signer.Sign(digest, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            digest[i % 32]++;
            signer.Sign(digest, out _);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
        Assert.That(signer.PoolSignatures, Is.EqualTo(1010));
    }

    [Test]
    public void A_digest_outside_the_scalar_range_is_signed_by_the_fallback_and_the_entry_stays()
    {
        using var signer = new OnlineSigner(_deterministic, new NoncePool(Key, capacity: 2, background: false));
        signer.Pool.Fill();

        signer.Sign(new byte[32], out var zero);
        signer.Sign(CurveOrder.N.ToArray(), out var order);

        Assert.That((signer.PoolSignatures, signer.Fallbacks, signer.Pool.Count), Is.EqualTo((0L, 2L, 2)));
        Assert.That(Secp256k1Curve.Recover(new byte[32], zero), Is.EqualTo(signer.Address));
        Assert.That(Secp256k1Curve.Recover(CurveOrder.N, order), Is.EqualTo(signer.Address));
    }

    [Test]
    public void A_signature_after_the_pool_was_disposed_falls_back_instead_of_touching_freed_memory()
    {
        var signer = new OnlineSigner(_deterministic, new NoncePool(Key, capacity: 4, background: false));
        signer.Pool.Fill();
        signer.Dispose();
        var digest = Enumerable.Repeat((byte)3, 32).ToArray();

        signer.Sign(digest, out var signature);

        _deterministic.Sign(digest, out var deterministic);
        Assert.That((signer.PoolSignatures, signer.Fallbacks), Is.EqualTo((0L, 1L)));
        Assert.That(signature.ToString(), Is.EqualTo(deterministic.ToString()));
    }

    [TestCase(0)]
    [TestCase(3)]
    [TestCase(1000)]
    public void A_capacity_that_is_not_a_power_of_two_is_refused(int capacity) =>
        Assert.That(() => new NoncePool(Key, capacity, background: false), Throws.TypeOf<ArgumentOutOfRangeException>());

    /// <summary>r as a hash-set key.</summary>
    private readonly record struct Bytes32Key(ulong A, ulong B, ulong C, ulong D)
    {
        public Bytes32Key(ReadOnlySpan<byte> r)
            : this(BitConverter.ToUInt64(r), BitConverter.ToUInt64(r[8..]), BitConverter.ToUInt64(r[16..]), BitConverter.ToUInt64(r[24..]))
        {
        }
    }
}
