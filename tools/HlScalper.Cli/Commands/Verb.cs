using System.CommandLine;

namespace HlScalper.Cli.Commands;

/// <summary>
/// One verb of <c>hlscalper</c>: a System.CommandLine command whose options are typed fields, whose help is generated from
/// them, and whose action wires library pieces, nothing more.
/// </summary>
/// <remarks>
/// Adding a verb is adding one subclass with a public parameterless constructor: <see cref="CliApp"/> finds every one in
/// this assembly and lists them by <see cref="Order"/>. Option groups several verbs share live in <c>Options/</c>.
/// </remarks>
public abstract class Verb : Command
{
    /// <param name="summary">One line for the verb list of <c>hlscalper --help</c>.</param>
    /// <param name="description">What the verb does, in full, for <c>hlscalper VERB --help</c>.</param>
    protected Verb(string name, string summary, string description) : base(name, description)
    {
        Summary = summary;
        SetAction((parse, cancel) => RunAsync(new VerbRun(parse), cancel));
    }

    public string Summary { get; }

    /// <summary>Position in the verb list of <c>hlscalper --help</c>.</summary>
    public abstract int Order { get; }

    /// <summary>Text printed after the generated help (settings tables, file formats); null for none.</summary>
    public virtual string? HelpEpilog => null;

    /// <summary>Runs the verb; returns the exit code (0 ok, 1 failure, 2 usage error). Throw <see cref="UsageException"/> for a usage error the parser cannot see.</summary>
    protected abstract Task<int> RunAsync(VerbRun run, CancellationToken cancel);
}
