using System.CommandLine;
using HlScalper.Cli.Options;
using HlScalper.Replay.Data;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper convert</c>: tick files of any supported format → this tool's Parquet tick tables.</summary>
public sealed class ConvertCommand : Verb
{
    private readonly Argument<string[]> _files = new("IN") { Description = "tick files or folders", Arity = ArgumentArity.OneOrMore };
    private readonly Option<string> _out = new("--out", "-o") { Description = "output directory", Required = true };
    private readonly Option<string?> _coin = Opt.OptionalText("--coin", "keep only this coin, any case (default: every coin)");
    private readonly Option<bool> _strict = Opt.Flag("--strict", "stop at the first bad line instead of reporting and skipping it");

    public ConvertCommand() : base("convert", "tick files of any supported format to Parquet tick tables",
        $"Decode tick files (any format backtest reads), merge them in time order, drop duplicate trades, and write DIR/{TickTables.BooksFile} " +
        $"(l2Book snapshots and BBOs, one column per level field) and DIR/{TickTables.TradesFile}, in row groups of {TickTables.RowGroupRows:N0} rows, pages compressed with LZ4_RAW (pyarrow, DuckDB and polars read it). " +
        "Prices and sizes are stored as exact fixed-point integers. Replay reads DIR directly: --data DIR. Nothing is written when nothing matched.")
    {
        Arguments.Add(_files);
        foreach (var option in new Option[] { _out, _coin, _strict }) Options.Add(option);
    }

    public override int Order => 40;

    public override string HelpEpilog => DataOptions.Formats;

    protected override async Task<int> RunAsync(VerbRun run, CancellationToken cancel)
    {
        var files = DataOptions.FilesOf(run, _files);
        var output = run.Get(_out);
        var coin = run.Get(_coin);
        var load = await TickLoader.LoadAsync(files, null, run.Get(_strict), run.Err.WriteLine, cancel, coinOfUnnamedFiles: coin);
        var tape = coin is null ? load.Tape : load.Tape.Only(CoinChoice.Pick(load.Tape, coin, string.Join(", ", files)).Index);
        if (tape.Count == 0) throw new TickDataException($"no market events in {string.Join(", ", files)}; nothing written");
        foreach (var (from, to) in TimeGaps.Find(tape, TimeGaps.WarnMs)) run.Err.WriteLine($"warning: no data from {UtcTime.Format(from)} to {UtcTime.Format(to)}");
        var (books, trades) = await TickTables.WriteAsync(tape, output, cancel);
        foreach (var f in load.Files) run.Out.WriteLine($"{f.Path}: {f.Format}, {f.Events:N0} events{(f.BadLines > 0 ? $", {f.BadLines} bad lines skipped" : "")}");
        run.Out.WriteLine($"wrote {Path.Combine(output, TickTables.BooksFile)} ({books:N0} rows) and {TickTables.TradesFile} ({trades:N0} rows); {load.DuplicateTrades} duplicate trades dropped");
        return 0;
    }
}
