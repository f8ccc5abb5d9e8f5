using HlScalper.Cli;

namespace HlScalper.Testing;

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

    /// <summary>Starts a long-running verb in process: its stdout so far can be read while it runs, and it stops when <paramref name="stop"/> fires.</summary>
    public static (Task<(int Code, string Out, string Err)> Run, Func<string> OutSoFar) Start(CancellationToken stop, params string[] args)
    {
        var (run, outSoFar, _) = StartWatching(stop, args);
        return (run, outSoFar);
    }

    /// <summary><see cref="Start"/>, with stderr so far readable too (progress lines).</summary>
    public static (Task<(int Code, string Out, string Err)> Run, Func<string> OutSoFar, Func<string> ErrSoFar) StartWatching(CancellationToken stop, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var syncOut = TextWriter.Synchronized(stdout);
        var syncErr = TextWriter.Synchronized(stderr);
        var originalOut = Console.Out;
        var originalErr = Console.Error;
        Console.SetOut(syncOut);
        Console.SetError(syncErr);
        var run = Task.Run(async () =>
        {
            try
            {
                return (await CliApp.RunAsync(args, syncOut, syncErr, stop), stdout.ToString(), stderr.ToString());
            }
            finally
            {
                Console.SetOut(originalOut);
                Console.SetError(originalErr);
            }
        });
        // The synchronized writer locks itself around every write: take the same lock to read a consistent text.
        return (run, () =>
        {
            lock (syncOut) return stdout.ToString();
        }, () =>
        {
            lock (syncErr) return stderr.ToString();
        });
    }
}
