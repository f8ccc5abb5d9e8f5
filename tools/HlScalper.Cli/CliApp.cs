using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.InteropServices;
using HlScalper.Cli.Commands;

namespace HlScalper.Cli;

/// <summary>Builds the <c>hlscalper</c> command tree from every <see cref="Verb"/>, parses, runs, and maps errors to exit codes: 0 ok, 1 failure, 2 usage error, 130 cancelled, 70 a bug.</summary>
public static class CliApp
{
    /// <summary>Every verb, in the order <c>--help</c> lists them.</summary>
    /// <remarks>Listed, not found by reflection, so a trimmed or NativeAOT build keeps them all; a test fails when a subclass of <see cref="Verb"/> is missing here.</remarks>
    public static IReadOnlyList<Verb> Verbs() =>
        new Verb[]
        {
            new ArchiveCommand(), new BacktestCommand(), new CandlesCommand(), new ConvertCommand(), new FeedCommand(), new FundingCommand(), new GateCommand(), new InspectCommand(),
            new LiveCommand(), new QueueStudyCommand(), new RecordCommand(), new SignCommand(), new SimCommand(), new SweepCommand(),
        }.OrderBy(v => v.Order).ToList();

    /// <summary>The root command with every verb, its help extended by each verb's epilog.</summary>
    public static RootCommand Root()
    {
        var root = new RootCommand("hlscalper: a low-latency scalping engine for Hyperliquid perpetuals. Back-test, sweep, record and trade; "
                                   + "'hlscalper VERB --help' tells every option and its default. Nothing touches real money without --mainnet and a confirmation.");
        var verbs = Verbs();
        foreach (var verb in verbs) root.Subcommands.Add(verb);
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new GeneratedHelp((HelpAction)help.Action!, verbs);
        return root;
    }

    /// <param name="stop">Stops a long-running verb as Ctrl-C and SIGTERM do (in-process callers and tests).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken stop = default)
    {
        var parse = Root().Parse(args);
        var verb = VerbName(parse);
        if (parse.Action is ParseErrorAction || (parse.Errors.Count > 0 && parse.Action is not GeneratedHelp))
        {
            foreach (var error in parse.Errors) stderr.WriteLine($"{verb}: {error.Message}");
            stderr.WriteLine($"Run '{verb} --help' for usage.");
            return 2;
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        // A signal's handler runs on its own thread and may still run after the verb ended and this source was disposed
        // (unregistering does not wait for a handler already started): a late Ctrl-C or SIGTERM must not crash the exit.
        void Stop()
        {
            try
            {
                cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The verb already ended.
            }
        }
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            Stop();
        };
        Console.CancelKeyPress += onCancel;
        // SIGTERM (a service manager, kill) stops a verb the way Ctrl-C does: in order, not mid-write.
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            Stop();
        });
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancel.Token);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"{verb}: {e.Message}\nRun '{verb} --help' for usage.");
            return 2;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or Live.Config.ConfigException)
        {
            // Bad input the user can fix (missing file, corrupt data): say what and where, no stack trace.
            stderr.WriteLine($"{verb}: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            stderr.WriteLine($"{verb}: cancelled");
            return 130;
        }
        catch (Exception e)
        {
            // A bug, not bad input: say so plainly, keep the trace for the report, exit like sysexits' EX_SOFTWARE.
            stderr.WriteLine($"{verb}: internal error, please report it: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            return 70;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>"hlscalper backtest", "hlscalper sign key" or "hlscalper": how error lines start.</summary>
    private static string VerbName(ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            names.Add(r.Command is RootCommand ? "hlscalper" : r.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>
    /// The help System.CommandLine generates from each verb's options, followed by the verb's epilog (settings tables, formats);
    /// for <c>hlscalper</c> itself the verb list with one-line summaries (the generated list would repeat each verb's full description).
    /// </summary>
    private sealed class GeneratedHelp(HelpAction generated, IReadOnlyList<Verb> verbs) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parse)
        {
            var output = parse.InvocationConfiguration.Output;
            var command = parse.CommandResult.Command;
            if (command is RootCommand root)
            {
                output.WriteLine($"{root.Description}\n\nUsage: hlscalper VERB [options]   (hlscalper VERB --help for details)\n\nVerbs:");
                var width = verbs.Max(v => v.Name.Length) + 2;
                foreach (var verb in verbs) output.WriteLine($"  {verb.Name.PadRight(width)}{verb.Summary}");
                output.WriteLine("\nOptions:");
                foreach (var option in root.Options)
                    output.WriteLine($"  {string.Join(", ", option.Aliases.Where(a => a.StartsWith('-')).Order().Append(option.Name)),-20}{option.Description}");
                return 0;
            }
            generated.Invoke(parse);
            if (command is Verb { HelpEpilog: { } epilog })
            {
                output.WriteLine(epilog.TrimEnd());
                output.WriteLine();
            }
            return 0;
        }
    }
}
