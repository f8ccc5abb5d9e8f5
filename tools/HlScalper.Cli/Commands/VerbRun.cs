using System.CommandLine;

namespace HlScalper.Cli.Commands;

/// <summary>What a verb's action works with: the parsed command line and the writers for data (stdout) and progress, warnings and errors (stderr).</summary>
public sealed class VerbRun(ParseResult parse)
{
    public ParseResult Parse { get; } = parse;

    public TextWriter Out => Parse.InvocationConfiguration.Output;

    public TextWriter Err => Parse.InvocationConfiguration.Error;

    public T Get<T>(Option<T> option) => Parse.GetValue(option)!;

    public T Get<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    /// <summary>Whether the user typed <paramref name="option"/> (as opposed to its default).</summary>
    public bool Given(Option option) => Parse.GetResult(option) is { Implicit: false };
}
