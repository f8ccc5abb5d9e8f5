using HlScalper.Engine.Numbers;
using HlScalper.Engine.Orders;
using HlScalper.Gateway.Exchange;
using HlScalper.Protocol.Actions;
using HlScalper.Protocol.Signing;

namespace HlScalper.Protocol.Tests;

/// <summary>The signing path allocates nothing after warm-up: msgpack, keccak, digest, native ECDSA and the request writer.</summary>
public class SigningAllocationTests
{
    private static readonly byte[] Key = Hex.Parse("0xd8115cac38745ed24b379ddc191473caaa893413e469db6a64d5c0ad431899df");

    [Test]
    public void Hashing_signing_natively_and_writing_the_post_allocate_nothing()
    {
        if (!NativeSigner.IsAvailable) Assert.Ignore("libsecp256k1 is not installed here");
        using var key = new NativeSigner(Key);
        var signer = new L1ActionSigner(key, isMainnet: true);
        var writer = new ExchangeRequestWriter();
        var order = new OrderAction([OrderWire.Limit(0, true, Px.Parse("61264"), Sz.Parse("0.001"), Tif.Alo, cloid: Cloid.FromPrefix(1, 1))]);
        var cancel = new CancelByCloidAction([new CloidCancelWire(0, Cloid.FromPrefix(1, 1))], fast: true);
        var vault = EthAddress.Parse("0x13270b3c5253ed619a118f76da6ec44893d950b4");
        var written = 0;

        void Round(long nonce)
        {
            signer.Sign(order, nonce, vault, nonce + 1000, out var a);
            written += writer.WritePost(nonce, order, nonce, a, vault, nonce + 1000).Length;
            signer.Sign(cancel, nonce, null, null, out var b);
            written += writer.WriteBody(cancel, nonce, b, null, null).Length;
        }

        for (var i = 0; i < 10; i++) Round(1_700_000_000_000 + i);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) Round(1_700_000_001_000 + i);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
        Assert.That(written, Is.GreaterThan(1010 * 400));
    }
}
