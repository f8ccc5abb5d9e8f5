using System.Runtime.InteropServices;
using HlScalper.Cli.Commands;

namespace HlScalper.Cli;

/// <summary>Dispatches <c>hlscalper VERB ...</c> to its command, prints help, and maps errors to exit codes.</summary>
public static class CliApp
{
    /// <summary>Every verb, in the order <c>--help</c> lists them.</summary>
    public static IReadOnlyList<ICommand> Commands { get; } =
    [
        new BacktestCommand(),
        new SweepCommand(),
        new InspectCommand(),
        new ConvertCommand(),
        new ArchiveCommand(),
        new SignCommand(),
        new FeedCommand(),
        new RecordCommand(),
        new CandlesCommand(),
        new LiveCommand(),
        new SimCommand(),
        new QueueStudyCommand(),
    ];

    /// <summary>Options that never take a value, across all verbs.</summary>
    private static readonly HashSet<string> Flags = ["help", "json", "strict", "quick", "update-baseline", "dry-run", "mainnet", "testnet", "insecure", "flatten-on-exit", "no-loop", "markdown", "yesterday"];

    /// <param name="stop">Stops a long-running verb as Ctrl-C and SIGTERM do (in-process callers and tests).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken stop = default)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            stdout.WriteLine(Usage());
            return args.Length == 0 ? 2 : 0;
        }
        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            stderr.WriteLine($"hlscalper: unknown command '{args[0]}'.\n\n{Usage()}");
            return 2;
        }
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        // SIGTERM (a service manager, kill) stops a verb the way Ctrl-C does: in order, not mid-write.
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancel.Cancel();
        });
        try
        {
            var parsed = new CommandArgs(args.Skip(1), Flags);
            if (parsed.WantsHelp)
            {
                stdout.WriteLine(command.Help);
                return 0;
            }
            return await command.RunAsync(parsed, cancel.Token);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"hlscalper {command.Name}: {e.Message}\nRun 'hlscalper {command.Name} --help' for usage.");
            return 2;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or FormatException)
        {
            // Bad input the user can fix (missing file, corrupt data): say what and where, no stack trace.
            stderr.WriteLine($"hlscalper {command.Name}: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            stderr.WriteLine($"hlscalper {command.Name}: cancelled");
            return 130;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    public static string Usage()
    {
        var width = Commands.Max(c => c.Name.Length) + 2;
        var lines = Commands.Select(c => $"  {c.Name.PadRight(width)}{c.Summary}");
        return "hlscalper — low-latency Hyperliquid scalping engine\n\nUsage: hlscalper COMMAND [options]   (hlscalper COMMAND --help for details)\n\nCommands:\n"
               + string.Join('\n', lines);
    }
}
