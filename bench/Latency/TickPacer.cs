using System.Diagnostics;
using System.Runtime.InteropServices;

namespace HlScalper.Bench.Latency;

/// <summary>Waits for each tick's send time asleep, not spinning: the venue's feeder must not take a core from the pipeline it feeds.</summary>
/// <remarks>
/// A spinning feeder held one of this machine's two vCPUs for the whole run, so every wake-up of the pipeline's threads (feed I/O,
/// engine, the venue's reader) had to preempt someone: the tick-to-trade figure measured the harness. On Linux the feeder sleeps in
/// <c>clock_nanosleep</c> to an absolute CLOCK_MONOTONIC deadline (the clock <see cref="Stopwatch"/> reads there) with the thread's timer
/// slack cut to 1 ns, so it wakes within microseconds of the tick time; elsewhere it spins as before. The tick's send stamp is taken after
/// the wait, so a late wake-up shifts a tick but never enters its latency.
/// </remarks>
public static partial class TickPacer
{
    private const int ClockMonotonic = 1;
    private const int TimerAbsTime = 1;
    private const int PrSetTimerSlack = 29;

    private static readonly bool Sleeps = OperatingSystem.IsLinux() && Stopwatch.Frequency == 1_000_000_000;

    /// <summary>Makes the calling thread's sleeps end on time (Linux: timer slack 1 ns instead of 50 µs).</summary>
    public static void Prepare()
    {
        if (Sleeps) _ = prctl(PrSetTimerSlack, 1, 0, 0, 0);
    }

    /// <summary>Returns at or after Stopwatch time <paramref name="deadline"/>.</summary>
    public static void WaitUntil(long deadline)
    {
        if (Sleeps)
        {
            var at = new Timespec { Seconds = deadline / 1_000_000_000, Nanoseconds = deadline % 1_000_000_000 };
            // Interrupted by a signal (EINTR), it returns early: the loop sleeps again to the same deadline.
            while (Stopwatch.GetTimestamp() < deadline) _ = clock_nanosleep(ClockMonotonic, TimerAbsTime, in at, IntPtr.Zero);
            return;
        }
        while (Stopwatch.GetTimestamp() < deadline) Thread.SpinWait(10);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc")]
    private static partial int clock_nanosleep(int clockId, int flags, in Timespec request, IntPtr remain);

    [LibraryImport("libc")]
    private static partial int prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);
}
