using HlScalper.Replay.Data;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper convert</c>: tick files of any supported format → this tool's Parquet tick tables.</summary>
public sealed class ConvertCommand : ICommand
{
    public string Name => "convert";

    public string Summary => "convert tick files (archive LZ4, hftbacktest gzip, WS JSON lines) into Parquet tick tables";

    public string Help => $"""
        hlscalper convert IN... --out DIR [--coin C] [--strict]

        Decodes the inputs (any format backtest --data reads), merges them in time order, drops duplicate
        trades, and writes DIR/{TickTables.BooksFile} (l2Book snapshots and BBOs, one column per level field)
        and DIR/{TickTables.TradesFile}, with row groups of {TickTables.RowGroupRows:N0} rows. Prices and
        sizes are stored as exact fixed-point integers. Replay reads DIR directly: --data DIR.

          --out DIR    output directory (required)
          --coin C     keep only this coin (default: every coin)
          --strict     stop at the first bad line instead of reporting and skipping it
        """;

    public async Task<int> RunAsync(CommandArgs args, CancellationToken cancel)
    {
        var output = args.String("out") ?? throw new UsageException("--out DIR is required");
        var coin = args.String("coin");
        var strict = args.Flag("strict");
        args.RejectUnknown();
        if (args.Positionals.Count == 0) throw new UsageException("give at least one input file");

        var load = await TickLoader.LoadAsync(args.Positionals, coin, strict, Console.Error.WriteLine, cancel);
        var (books, trades) = await TickTables.WriteAsync(load.Tape, output, cancel);
        foreach (var f in load.Files) Console.WriteLine($"{f.Path}: {f.Format}, {f.Events:N0} events{(f.BadLines > 0 ? $", {f.BadLines} bad lines skipped" : "")}");
        Console.WriteLine($"wrote {Path.Combine(output, TickTables.BooksFile)} ({books:N0} rows) and {TickTables.TradesFile} ({trades:N0} rows); {load.DuplicateTrades} duplicate trades dropped");
        return 0;
    }
}
