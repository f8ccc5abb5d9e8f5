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
    private readonly Option<string?> _shard = Opt.OptionalText("--shard",
        $"run one share of the grid and write DIR/sweep-part-I-of-N.parquet (join them with 'sweep merge'): I/N (0 ≤ I < N), or N with I from {string.Join(" or ", SweepShard.IndexVariables)}");

    public SweepCommand() : base("sweep", "back-test every combination of a parameter grid in parallel and rank them",
        "Back-test every combination of a parameter grid: each an independent run (own ring, handler and simulated exchange) over the same " +
        "ticks, decoded once and shared read-only, spread over the cores with progress and an ETA on stderr. Ranked by net PnL, then Sharpe, " +
        "into DIR/sweep.parquet. Ctrl-C stops it and still writes the runs that finished. --set and --config fix settings for every run; the grid wins. " +
        "--shard I/N runs only the combinations c with c mod N = I (on a batch engine: --shard N, the index from JOB_COMPLETION_INDEX or " +
        "SLURM_ARRAY_TASK_ID) into DIR/sweep-part-I-of-N.parquet; 'sweep merge DIR' joins all N parts into the same sweep.parquet as one unsharded run.")
    {
        _data.AddTo(this);
        _exchange.AddTo(this);
        _funding.AddTo(this);
        _settings.AddTo(this);
        foreach (var option in new Option[] { _grid, _parallel, _top, _out, _shard }) Options.Add(option);
        Subcommands.Add(Merge());
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
        SweepShard? shard = null;
        if (run.Get(_shard) is { } shardText)
        {
            try
            {
                shard = SweepShard.Parse(shardText, Environment.GetEnvironmentVariable);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"--shard {e.Message}");
            }
            if (shard.Value.Count > grid.Count) throw new UsageException($"--shard: {shard.Value.Count} shards for a grid of {grid.Count} runs; use at most {grid.Count}");
        }
        var settings = _settings.Read(run);
        var fixedSettings = BacktestCommand.Validated(settings.Engine());
        var exchange = _exchange.Read(run, settings, new SimExchangeConfig());
        var parallel = run.Get(_parallel);
        var output = run.Get(_out);
        var market = await _data.Read(run).LoadAsync(run.Err, cancel);
        var funding = await _funding.ReadAsync(run, market.Asset.Name, cancel);
        var options = new BacktestOptions { Asset = market.Asset, Exchange = exchange, Funding = funding };
        var runs = shard is { } owned ? Enumerable.Range(0, grid.Count).Count(owned.Owns) : grid.Count;
        var exchangeLine = $"exchange: {ExchangeSettings.Describe(exchange)}; fixed: {(fixedSettings.Count == 0 ? "defaults" : string.Join(' ', fixedSettings))}";
        var fundingLine = funding is null ? "" : FundingOptions.Describe(funding);
        run.Out.WriteLine($"sweep: {runs} runs{(shard is { } sh ? $" (shard {sh.Index} of {sh.Count} of a {grid.Count}-run grid)" : "")} over {market.Description} ({market.Tape.EventCount:N0} events), {parallel} at a time");
        run.Out.WriteLine(exchangeLine);
        if (funding is not null) run.Out.WriteLine(fundingLine);
        if (TradeNotes.Fees(market, fixedSettings, exchange) is { } fees) run.Out.WriteLine($"note: {fees}");

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var progress = new ProgressLine(run.Err, "sweep", runs);
        var done = 0;
        var work = Task.Run(() => SweepRunner.Run(market.Tape, options, grid, fixedSettings, parallel, n => Volatile.Write(ref done, n), cancel, shard), CancellationToken.None);
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
        var path = Path.Combine(output, shard?.PartFileName ?? "sweep.parquet");
        if (shard is { } part)
        {
            // What decides a row besides the grid; not the data's path, which may differ between the machines of one sweep.
            var fingerprint = string.Join(" | ", $"{market.Asset.Name}: {market.Tape.EventCount} events {UtcTime.Format(market.Tape.FirstTimeMs)} → {UtcTime.Format(market.Tape.LastTimeMs)}", exchangeLine, fundingLine).TrimEnd(' ', '|');
            await SweepParts.WritePartAsync(path, run.Get(_grid), part, fingerprint, ranked, CancellationToken.None);
        }
        else await SweepRunner.WriteAsync(path, grid, ranked, CancellationToken.None);

        run.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{ranked.Count} runs in {elapsed.TotalSeconds:0.00} s ({ranked.Count / Math.Max(elapsed.TotalSeconds, 1e-9):0.0} runs/s); {cores:0.00} of {Environment.ProcessorCount} cores busy on average"));
        PrintRanking(run, ranked, run.Get(_top));
        if (cancel.IsCancellationRequested)
        {
            run.Err.WriteLine($"hlscalper sweep: cancelled after {ranked.Count} of {runs} runs; wrote the {ranked.Count} that finished to {path}");
            return 130;
        }
        run.Out.WriteLine($"wrote {path}");
        return 0;
    }

    private static void PrintRanking(VerbRun run, IReadOnlyList<SweepRow> ranked, int top)
    {
        run.Out.WriteLine();
        run.Out.WriteLine($"{"rank",4}  {"net_pnl_usd",12} {"sharpe",16} {"trades",7} {"hit_rate",16}  settings");
        foreach (var (row, i) in ranked.Take(top).Select((r, i) => (r, i)))
        {
            var values = row.Summary.Rows().ToDictionary(r => r.Name, r => r.Value);
            run.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{i + 1,4}  {row.Summary.NetPnl,12:0.0000} {values["sharpe"],16} {row.Summary.Trades,7} {values["hit_rate"],16}  {string.Join(' ', row.Settings)}"));
        }
        if (ranked.Count > 1 && ranked.Select(r => r.Summary).Distinct().Count() == 1)
            run.Out.WriteLine("note: every run gave the same result: the grid's keys did not change what the strategy did (see the notes above).");
        run.Out.WriteLine();
    }

    /// <summary><c>sweep merge DIR|PART...</c>: the parts of a sharded sweep into the ranked sweep.parquet one unsharded run writes.</summary>
    private static Command Merge()
    {
        var parts = new Argument<string[]>("PART") { Description = "part files (sweep-part-I-of-N.parquet) or folders holding them", Arity = ArgumentArity.OneOrMore };
        var top = Opt.Number("--top", "rows of the ranking printed", 10).Check(n => n >= 0, "--top must not be negative");
        var output = Opt.Text("--out", "output directory of sweep.parquet", "sweep-out", "-o");
        var command = new Command("merge",
            "Join the parts of a sharded sweep (every shard 0..N-1 once, all of the same grid, data and settings) into DIR/sweep.parquet, " +
            "ranked exactly as one unsharded sweep ranks them. A missing, repeated or foreign part is an error naming it; nothing is written then.")
        {
            parts, top, output,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var run = new VerbRun(parse);
            var files = new List<string>();
            foreach (var p in run.Get(parts) ?? [])
            {
                if (Directory.Exists(p)) files.AddRange(Directory.EnumerateFiles(p, "sweep-part-*-of-*.parquet").Order(StringComparer.Ordinal));
                else if (File.Exists(p)) files.Add(p);
                else throw new UsageException($"{p}: no such file or directory");
            }
            var (grid, fingerprint, ranked) = await SweepParts.MergeAsync(files, cancel);
            var dir = run.Get(output);
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, "sweep.parquet");
            await SweepRunner.WriteAsync(path, grid, ranked, cancel);
            run.Out.WriteLine($"merged {files.Count} parts: {ranked.Count} runs of {fingerprint}");
            PrintRanking(run, ranked, run.Get(top));
            run.Out.WriteLine($"wrote {path}");
            return 0;
        });
        return command;
    }
}
