using HlScalper.Bench.Commands;

namespace HlScalper.Bench.Tests;

/// <summary>Runs a bench command in process, as <c>dotnet run --project bench -- …</c> would, with its output captured.</summary>
internal static class BenchRun
{
    public static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = BenchCommands.RunAsync(args, stdout, stderr).GetAwaiter().GetResult();
        return (code, stdout.ToString(), stderr.ToString());
    }
}
