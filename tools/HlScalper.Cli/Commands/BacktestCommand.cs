namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper backtest</c>: replays ticks through the engine against a simulated exchange.</summary>
public sealed class BacktestCommand : ICommand
{
    public string Name => "backtest";

    public string Summary => "replay recorded or built-in ticks through strategy and risk against a simulated exchange";

    public string Help => """
        hlscalper backtest [--data FILE...] [--coin C] [--fill touch|queue] [--latency-ms N] [--set k=v ...] [--out DIR]

        Not built yet: the back-tester lands with the replay issue. This verb exits 1 until then.
        """;

    public Task<int> RunAsync(CommandArgs args, CancellationToken cancel)
    {
        Console.Error.WriteLine("hlscalper backtest: the back-tester is not built yet (replay and strategy land in later issues).");
        return Task.FromResult(1);
    }
}
