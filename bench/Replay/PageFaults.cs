using System.Globalization;

namespace HlScalper.Bench.Replay;

/// <summary>The process's minor page faults so far, from <c>/proc/self/stat</c>: a first touch of memory the process had not used, or had handed back to the kernel.</summary>
/// <remarks>On the 2-vCPU VM these benchmarks run on, a fault costs about 10 µs: a load that allocates 2.8 MB into fresh pages pays
/// some 7 ms for it, more than the load itself, so a timing is only read right beside its faults.</remarks>
internal static class PageFaults
{
    /// <summary>The count, or null where the kernel does not give it (not Linux).</summary>
    public static long? Minor()
    {
        string stat;
        try
        {
            stat = File.ReadAllText("/proc/self/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'; minflt is field 10.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 7 && long.TryParse(fields[7], NumberStyles.None, CultureInfo.InvariantCulture, out var minor) ? minor : null;
    }
}
