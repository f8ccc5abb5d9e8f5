using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using HlScalper.Cli.Options;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Exchange;
using HlScalper.Replay.Sweep;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper sweep</c>: back-tests every combination of a parameter grid in parallel over data decoded once, ranked into <c>sweep.parquet</c>.</summary>
public sealed class SweepCommand : Verb
{
    private readonly DataOptions _data = new();
    private readonly ExchangeOptions _exchange = new(KeyFamily.Exchange);
    private readonly SettingsOptions _settings = new(KeyFamily.Engine | KeyFamily.Exchange);
    private readonly FundingOptions _funding = new();
    private readonly Option<string> _grid = new("--grid", "-g") { Description = "the grid: ';'-separated key=v1,v2,... (keys below), e.g. \"tp_ticks=2,4,8;imbalance=0.55,0.65\"", Required = true };
    private readonly Option<int> _parallel = Opt.Number("--parallel", "runs at once (default: every core)", Environment.ProcessorCount, "-j").Check(n => n >= 1, "--parallel must be at least 1");
    private readonly Option<int> _top = Opt.Number("--top", "rows of the ranking printed", 10).Check(n => n >= 0, "--top must not be negative");
    private readonly Option<string> _out = Opt.Text("--out", "output directory", "sweep-out", "-o");

    public SweepCommand() : base("sweep", "back-test every combination of a parameter grid in parallel and rank them",
        "Back-test every combination of a parameter grid: each an independent run (own ring, handler and simulated exchange) over the same " +
        "ticks, decoded once and shared read-only, spread over the cores with progress and an ETA on stderr. Ranked by net PnL, then Sharpe, " +
        "into DIR/sweep.parquet. Ctrl-C stops it and still writes the runs that finished. --set and --config fix settings for every run; the grid wins.")
    {
        _data.AddTo(this);
        _exchange.AddTo(this);
        _funding.AddTo(this);
        _settings.AddTo(this);
        foreach (var option in new Option[] { _grid, _parallel, _top, _out }) Options.Add(option);
    }

    public override int Order => 20;

    public override string HelpEpilog => $"{DataOptions.Formats}\n\n{_settings.Help()}";

    protected override async Task<int> RunAsync(VerbRun run, CancellationToken cancel)
    {
        ParamGrid grid;
        try
        {
            grid = ParamGrid.Parse(run.Get(_grid));
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--grid: {e.Message}");
        }
        var settings = _settings.Read(run);
        var fixedSettings = BacktestCommand.Validated(settings.Engine());
        var exchange = _exchange.Read(run, settings, new SimExchangeConfig());
        var parallel = run.Get(_parallel);
        var output = run.Get(_out);
        var market = await _data.Read(run).LoadAsync(run.Err, cancel);
        var funding = await _funding.ReadAsync(run, market.Asset.Name, cancel);
        var options = new BacktestOptions { Asset = market.Asset, Exchange = exchange, Funding = funding };
        run.Out.WriteLine($"sweep: {grid.Count} runs over {market.Description} ({market.Tape.Count:N0} events), {parallel} at a time");
        run.Out.WriteLine($"exchange: {ExchangeSettings.Describe(exchange)}; fixed: {(fixedSettings.Count == 0 ? "defaults" : string.Join(' ', fixedSettings))}");
        if (funding is not null) run.Out.WriteLine(FundingOptions.Describe(funding));
        if (TradeNotes.Fees(market, fixedSettings, exchange) is { } fees) run.Out.WriteLine($"note: {fees}");

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var progress = new ProgressLine(run.Err, "sweep", grid.Count);
        var done = 0;
        var work = Task.Run(() => SweepRunner.Run(market.Tape, options, grid, fixedSettings, parallel, n => Volatile.Write(ref done, n), cancel), CancellationToken.None);
        while (!work.IsCompleted)
        {
            progress.Show(Volatile.Read(ref done));
            await Task.WhenAny(work, Task.Delay(250, CancellationToken.None));
        }
        var ranked = await work;
        progress.Show(ranked.Count);
        var elapsed = progress.Elapsed;
        process.Refresh();
        var cores = (process.TotalProcessorTime - cpuBefore).TotalSeconds / Math.Max(elapsed.TotalSeconds, 1e-9);

        Directory.CreateDirectory(output);
        var path = Path.Combine(output, "sweep.parquet");
        await SweepRunner.WriteAsync(path, grid, ranked, CancellationToken.None);

        run.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{ranked.Count} runs in {elapsed.TotalSeconds:0.00} s ({ranked.Count / Math.Max(elapsed.TotalSeconds, 1e-9):0.0} runs/s); {cores:0.00} of {Environment.ProcessorCount} cores busy on average"));
        run.Out.WriteLine();
        run.Out.WriteLine($"{"rank",4}  {"net_pnl_usd",12} {"sharpe",16} {"trades",7} {"hit_rate",16}  settings");
        foreach (var (row, i) in ranked.Take(run.Get(_top)).Select((r, i) => (r, i)))
        {
            var values = row.Summary.Rows().ToDictionary(r => r.Name, r => r.Value);
            run.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{i + 1,4}  {row.Summary.NetPnl,12:0.0000} {values["sharpe"],16} {row.Summary.Trades,7} {values["hit_rate"],16}  {string.Join(' ', row.Settings)}"));
        }
        if (ranked.Count > 1 && ranked.Select(r => r.Summary).Distinct().Count() == 1)
            run.Out.WriteLine("note: every run gave the same result: the grid's keys did not change what the strategy did (see the notes above).");
        run.Out.WriteLine();
        if (cancel.IsCancellationRequested)
        {
            run.Err.WriteLine($"hlscalper sweep: cancelled after {ranked.Count} of {grid.Count} runs; wrote the {ranked.Count} that finished to {path}");
            return 130;
        }
        run.Out.WriteLine($"wrote {path}");
        return 0;
    }
}
