using System.CommandLine;
using System.Globalization;
using HlScalper.Cli.Commands;
using HlScalper.Replay.Data;

namespace HlScalper.Cli.Options;

/// <summary><c>--funding FILE</c>: the traded coin's funding rates through time, for back-tests and sweeps.</summary>
internal sealed class FundingOptions
{
    private readonly Option<string?> _file = Opt.OptionalText("--funding",
        "funding rates through time: the Parquet file 'hlscalper funding' writes, or the archive's asset_ctxs files (a file or folder); " +
        "accrued hourly on open positions, longs pay a positive rate (without it: --funding-rate, constant)");

    public void AddTo(Command command) => command.Options.Add(_file);

    /// <summary>The series of <paramref name="coin"/>, or null without --funding; a file without any rate of the coin is a data error naming it.</summary>
    public async Task<FundingSeries?> ReadAsync(VerbRun run, string coin, CancellationToken cancel)
    {
        if (run.Get(_file) is not { } path) return null;
        FundingSeries series;
        if (File.Exists(path) && path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)) series = await FundingTable.ReadAsync(path, coin, cancel);
        else if (File.Exists(path)) series = FundingSeries.Load([path], coin, run.Err.WriteLine, cancel);
        else if (Directory.Exists(path)) series = FundingSeries.Load(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal), coin, run.Err.WriteLine, cancel);
        else throw new UsageException($"--funding: {path}: no such file or directory");
        if (series.Points.Count == 0) throw new TickDataException($"{path}: no funding rate of {coin}{(series.BadLines > 0 ? $" ({series.BadLines} unreadable rows)" : "")}");
        return series;
    }

    /// <summary>One line for the run's description.</summary>
    public static string Describe(FundingSeries series) =>
        FormattableString.Invariant($"funding: {series.Points.Count:N0} rates of {series.Coin}, {UtcTime.Format(series.Points[0].TimeMs)} → {UtcTime.Format(series.Points[^1].TimeMs)}") +
        (series.BadLines > 0 ? FormattableString.Invariant($" ({series.BadLines} unreadable rows skipped)") : "");
}
