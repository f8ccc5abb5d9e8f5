namespace HlScalper.Cli.Commands;

/// <summary>One verb of <c>hlscalper</c>: it parses its own arguments and wires library pieces, nothing more.</summary>
public interface ICommand
{
    /// <summary>The verb as typed ("backtest", "sign verify" is "sign").</summary>
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>The full <c>--help</c> text: usage, every option with its default.</summary>
    string Help { get; }

    /// <summary>Runs the verb; returns the process exit code (0 ok, 1 failure, 2 usage error).</summary>
    Task<int> RunAsync(CommandArgs args, CancellationToken cancel);
}
