using HlScalper.Cli;

namespace HlScalper.Tests.Support;

/// <summary>Runs <c>hlscalper</c> in process and captures what it printed (commands write to <see cref="Console"/> too).</summary>
public static class CliRun
{
    public static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var originalOut = Console.Out;
        var originalErr = Console.Error;
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            return (await CliApp.RunAsync(args, stdout, stderr), stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalErr);
        }
    }
}
