using System.Diagnostics;

namespace HlScalper.Ops.Tests;

/// <summary>Runs the repository's secretlint (installed by <c>.ci/run</c> into <c>.tools/secretlint</c>) with its <c>.secretlintrc.json</c>.</summary>
public static class SecretScan
{
    public static string Binary => Path.Combine(SharedData.RepositoryRoot, ".tools", "secretlint", "node_modules", ".bin", "secretlint");

    /// <summary>Ignores the calling test when secretlint is not installed.</summary>
    public static void Require()
    {
        if (!File.Exists(Binary))
            Assert.Ignore($"secretlint is not installed at {Binary} (.ci/run installs it with npm): the secret scan tests need it");
    }

    /// <summary>Scans <paramref name="files"/> (paths relative to <paramref name="directory"/>); the exit code and everything it printed.</summary>
    public static (int ExitCode, string Output) Run(string directory, IEnumerable<string> files)
    {
        var info = new ProcessStartInfo(Binary)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--secretlintrc");
        info.ArgumentList.Add(Path.Combine(SharedData.RepositoryRoot, ".secretlintrc.json"));
        info.ArgumentList.Add("--no-color");
        foreach (var f in files) info.ArgumentList.Add(f);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }

    /// <summary>The files git tracks in the repository, relative to its root.</summary>
    public static string[] TrackedFiles()
    {
        var info = new ProcessStartInfo("git", ["ls-files", "-z"])
        {
            WorkingDirectory = SharedData.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) Assert.Ignore($"{SharedData.RepositoryRoot} is not a git checkout: no tracked files to scan");
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }
}
