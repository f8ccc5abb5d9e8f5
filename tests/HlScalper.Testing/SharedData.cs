namespace HlScalper.Testing;

/// <summary>Finds <c>../shared</c> (real recordings, signing vectors, spec) beside the repository root; tests that need it are ignored with the reason where it is absent.</summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>The repository root: the directory holding <c>HlScalper.Fast.sln</c>.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The absolute path of <paramref name="relative"/> under <c>../shared</c>; ignores the calling test when it does not exist.</summary>
    public static string PathOf(string relative)
    {
        var root = Root.Value;
        if (root is null)
            Assert.Ignore($"../shared is not beside the repository root ({RepositoryRoot}): real recordings and vectors are not in this clone.");
        var path = Path.Combine(root!, relative);
        if (!File.Exists(path) && !Directory.Exists(path))
            Assert.Ignore($"{path} is absent from ../shared.");
        return path;
    }

    public static bool IsAvailable => Root.Value is not null;

    private static string? FindRoot()
    {
        var shared = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
        return Directory.Exists(shared) ? shared : null;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HlScalper.Fast.sln"))) return dir.FullName;
        throw new InvalidOperationException($"HlScalper.Fast.sln not found above {AppContext.BaseDirectory}");
    }
}
