using System.Runtime.InteropServices;

namespace HlScalper.Engine.Ring;

/// <summary>Pins the calling thread to one CPU (Linux <c>sched_setaffinity</c>); a no-op that says so elsewhere.</summary>
public static partial class ThreadAffinity
{
    /// <summary>Pins the calling thread to <paramref name="cpu"/>; returns null on success, else why not.</summary>
    public static string? TryPinCurrentThread(int cpu)
    {
        if (!OperatingSystem.IsLinux()) return $"CPU pinning is only supported on Linux; thread left unpinned on {RuntimeInformation.OSDescription}";
        if (cpu < 0 || cpu >= Environment.ProcessorCount)
            return $"CPU {cpu} does not exist (this machine has CPUs 0..{Environment.ProcessorCount - 1}); thread left unpinned";
        Span<ulong> mask = stackalloc ulong[16];
        mask.Clear();
        mask[cpu / 64] = 1UL << (cpu % 64);
        unsafe
        {
            fixed (ulong* p = mask)
            {
                // pid 0 = the calling thread (Linux affinity is per thread id).
                if (sched_setaffinity(0, (nuint)(mask.Length * sizeof(ulong)), p) == 0) return null;
            }
        }
        var errno = Marshal.GetLastPInvokeError();
        return errno == 1
            ? $"not permitted to pin to CPU {cpu} (EPERM: a cgroup or container cpuset forbids it); thread left unpinned"
            : $"sched_setaffinity(CPU {cpu}) failed with errno {errno}; thread left unpinned";
    }

    /// <summary>The CPU the calling thread runs on now, or -1 where unknown.</summary>
    public static int CurrentCpu() => OperatingSystem.IsLinux() ? sched_getcpu() : -1;

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int sched_setaffinity(int pid, nuint cpusetsize, ulong* mask);

    [LibraryImport("libc")]
    private static partial int sched_getcpu();
}
