using System.CommandLine;
using System.Globalization;
using HlScalper.Cli.Options;
using HlScalper.Replay.Gate;
using HlScalper.Replay.Metrics;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper gate</c>: the nightly back-test gate; a back-test's summary and the history of stored results in, a verdict out.</summary>
public sealed class GateCommand : Verb
{
    private readonly Argument<string> _summary = new("SUMMARY") { Description = "the summary.parquet of the back-test to judge (hlscalper backtest --out DIR writes DIR/summary.parquet)" };
    private readonly Option<string> _history = new("--history") { Description = "the stored results, CSV utc,sharpe,trades,source (created by --record when missing)", Required = true };
    private readonly Option<bool> _record = Opt.Flag("--record", "on a pass, append this result to --history (a failing result is never stored, so it cannot drag the median down)");
    private readonly Option<string> _source = Opt.Text("--source", "with --record: what the result ran on (data, commit), stored beside it", "");
    private readonly Option<double> _maxDrop = Opt.Number("--max-drop", "fail when the Sharpe is more than this share below the median", SharpeGate.MaxDrop).Check(d => d is > 0 and < 10, "--max-drop must be above 0");
    private readonly Option<int> _window = Opt.Number("--window", "the median is over this many newest stored results", SharpeGate.Window).Check(w => w >= 1, "--window must be at least 1");
    private readonly Option<int> _minTrades = Opt.Number("--min-trades", "fail when the back-test closed fewer trades (its Sharpe is noise)", BacktestSummary.MinTradesForRatios).Check(n => n >= 0, "--min-trades must not be negative");

    public GateCommand() : base("gate", "nightly back-test gate: fail when the Sharpe drops more than 20 % below the median of the last 7 stored results",
        "Judges one back-test (its summary.parquet) against the history of stored results: the verdict line 'gate: pass|fail sharpe=… trades=… " +
        "median=… threshold=… baseline=N reason=\"…\"' goes to stdout, exit 0 on a pass and 1 on a fail. It fails when the Sharpe is below " +
        "median − 20 % · |median| of the newest 7 stored results, or when the back-test closed too few trades for a Sharpe to mean anything; " +
        "with no stored results it passes and, with --record, starts the history. Lines of the history it cannot read are reported on stderr and skipped.")
    {
        Arguments.Add(_summary);
        foreach (var option in new Option[] { _history, _record, _source, _maxDrop, _window, _minTrades }) Options.Add(option);
    }

    public override int Order => 15;

    protected override async Task<int> RunAsync(VerbRun run, CancellationToken cancel)
    {
        var (sharpe, trades) = await BacktestResultFile.ReadAsync(run.Get(_summary), cancel);
        var history = GateHistory.ReadNewest(run.Get(_history), run.Get(_window), run.Err.WriteLine);
        var verdict = SharpeGate.Judge(sharpe, trades, history, run.Get(_minTrades), run.Get(_maxDrop), run.Get(_window));
        run.Out.WriteLine(verdict.Line);
        if (verdict.Outcome == GateOutcome.Pass && run.Get(_record))
        {
            GateHistory.Append(run.Get(_history), new GateRecord(DateTimeOffset.UtcNow, sharpe, trades, run.Get(_source)));
            run.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gate: recorded in {run.Get(_history)}"));
        }
        return verdict.Outcome == GateOutcome.Pass ? 0 : 1;
    }
}
