using HlScalper.Gateway.WebSockets;

namespace HlScalper.Gateway.Tests;

/// <summary>Mask keys: fresh CSPRNG bytes across block refills, no repeated block, no shared sequence between sources.</summary>
public class MaskKeySourceTests
{
    [Test]
    public void Keys_across_three_blocks_do_not_repeat_a_block_and_two_sources_differ()
    {
        var a = MaskKeySource.Create();
        var b = MaskKeySource.Create();
        var first = Enumerable.Range(0, 3 * 1024).Select(_ => a.Next()).ToArray();
        var other = Enumerable.Range(0, 1024).Select(_ => b.Next()).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(first.Take(1024), Is.Not.EqualTo(first.Skip(1024).Take(1024)), "a refill draws new bytes");
            Assert.That(first.Skip(2048), Is.Not.EqualTo(first.Skip(1024).Take(1024)));
            Assert.That(first.Take(1024), Is.Not.EqualTo(other), "each source has its own bytes");
            Assert.That(first.Distinct().Count(), Is.GreaterThan(3 * 1024 - 10), "32-bit keys from 3,072 draws almost never collide");
        });
    }

    [Test]
    public void Drawing_keys_allocates_nothing_after_the_source_is_made()
    {
        var source = MaskKeySource.Create();
        source.Next();
        var before = GC.GetAllocatedBytesForCurrentThread();
        uint mix = 0;
        for (var i = 0; i < 10_000; i++) mix ^= source.Next();
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero, $"mix {mix}");
    }
}
