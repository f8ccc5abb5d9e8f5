using HlScalper.Bench.Replay;

namespace HlScalper.Bench.Tests;

/// <summary><see cref="PageFaults"/> reads the kernel's count of minor faults, which a first touch of fresh memory raises.</summary>
public class PageFaultsTests
{
    [Test]
    public void Touching_64_MB_the_process_never_used_raises_the_count_on_Linux_and_gives_null_elsewhere()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.That(PageFaults.Minor(), Is.Null);
            return;
        }
        var before = PageFaults.Minor();
        // Uninitialised and fresh from the kernel: the first write to each page is a fault (a huge page, with THP, is one of 32).
        var fresh = GC.AllocateUninitializedArray<byte>(64 << 20);
        for (var i = 0; i < fresh.Length; i += 4096) fresh[i] = 1;
        var after = PageFaults.Minor();
        Assert.That(before, Is.Not.Null);
        Assert.That(after - before, Is.GreaterThanOrEqualTo(32));
        GC.KeepAlive(fresh);
    }
}
