using System.Runtime.InteropServices;

namespace HlScalper.Protocol.Signing;

/// <summary>Page-aligned native memory for key material: kept out of core dumps and, where the limit allows, out of swap; zeroed before it is freed.</summary>
/// <remarks>
/// Managed arrays can be copied by the GC and end up in a heap dump; this block never moves. <c>madvise(MADV_DONTDUMP)</c>
/// leaves it out of kernel core dumps and <c>mlock</c> keeps it off the swap device; both are best effort (Linux only, and
/// <c>mlock</c> is bounded by RLIMIT_MEMLOCK), reported by <see cref="IsLocked"/> and <see cref="IsExcludedFromDumps"/>.
/// </remarks>
internal sealed unsafe partial class SecretMemory : IDisposable
{
    private const int PageSize = 4096;
    private const int MadvDontDump = 16;

    public SecretMemory(int bytes)
    {
        Length = (bytes + PageSize - 1) / PageSize * PageSize;
        Pointer = (byte*)NativeMemory.AlignedAlloc((nuint)Length, PageSize);
        new Span<byte>(Pointer, Length).Clear();
        if (!OperatingSystem.IsLinux()) return;
        IsLocked = Mlock(Pointer, (nuint)Length) == 0;
        IsExcludedFromDumps = Madvise(Pointer, (nuint)Length, MadvDontDump) == 0;
    }

    public byte* Pointer { get; private set; }

    public int Length { get; }

    public bool IsLocked { get; }

    public bool IsExcludedFromDumps { get; }

    public void Dispose()
    {
        if (Pointer == null) return;
        new Span<byte>(Pointer, Length).Clear();
        if (IsLocked) Munlock(Pointer, (nuint)Length);
        NativeMemory.AlignedFree(Pointer);
        Pointer = null;
    }

    [LibraryImport("libc", EntryPoint = "mlock")]
    private static partial int Mlock(byte* address, nuint length);

    [LibraryImport("libc", EntryPoint = "munlock")]
    private static partial int Munlock(byte* address, nuint length);

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(byte* address, nuint length, int advice);
}
