namespace HlScalper.Bench.Replay;

/// <summary>Finds <c>../shared/data</c> beside the repository root for benchmarks that read real recordings.</summary>
internal static class BenchData
{
    public static string PathOf(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "HlScalper.Fast.sln"))) continue;
            var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", relative));
            return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is needed by this benchmark (../shared beside the repository)");
        }
        throw new DirectoryNotFoundException($"HlScalper.Fast.sln not found above {AppContext.BaseDirectory}");
    }
}
