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
    private readonly LatencyFileOptions _latencyFile = new();
    private readonly Option<string> _grid = new("--grid", "-g") { Description = "the grid: ';'-separated key=v1,v2,... (keys below), e.g. \"tp_ticks=2,4,8;imbalance=0.55,0.65\"", Required = true };
    private readonly Option<int> _parallel = Opt.Number("--parallel", "runs at once (default: every core)", Environment.ProcessorCount, "-j").Check(n => n >= 1, "--parallel must be at least 1");
    private readonly Option<int> _top = Opt.Number("--top", "rows of the ranking printed", 10).Check(n => n >= 0, "--top must not be negative");
    private readonly Option<string> _out = Opt.Text("--out", "output directory", "sweep-out", "-o");
    private readonly Option<string?> _shard = Opt.OptionalText("--shard",
        $"run one share of the runs (combinations, or with --per-input combination × input pairs) and write DIR/sweep-part-I-of-N.parquet (join them with 'sweep merge'): I/N (0 ≤ I < N), or N with I from {string.Join(" or ", SweepShard.IndexVariables)}");
    private readonly Option<bool> _perInput = Opt.Flag("--per-input",
        "replay each FILE/--data (a folder counts as one) as its own session, flat at its start, and join each combination's sessions in the given order (money and counts add, Sharpe over the pooled minute changes, drawdown of the sessions end to end); without it, all inputs merge into one market");
    private readonly Option<string[]> _train = Opt.Many("--train",
        "walk-forward: rank the grid on this window: a length (90s, 30m, 6h, 2d; rolling with --test) or a UTC range FROM..TO (one fold; repeat in pairs with --test)");
    private readonly Option<string[]> _test = Opt.Many("--test",
        "walk-forward: trade the in-sample best on the window after: a length (each fold moves on by it) or a range FROM..TO paired with --train");
    private readonly Option<bool> _anchored = Opt.Flag("--anchored", "walk-forward with lengths: every training window starts at the data's start (growing) instead of rolling");

    public SweepCommand() : base("sweep", "back-test every combination of a parameter grid in parallel and rank them",
        "Back-test every combination of a parameter grid: each an independent run (own ring, handler and simulated exchange) over the same " +
        "ticks, decoded once and shared read-only, spread over the cores with progress and an ETA on stderr. Ranked by net PnL, then Sharpe, " +
        "into DIR/sweep.parquet. Ctrl-C stops it and still writes the runs that finished. --set and --config fix settings for every run; the grid wins. " +
        "--shard I/N runs only the combinations c with c mod N = I (on a batch engine: --shard N, the index from JOB_COMPLETION_INDEX or " +
        "SLURM_ARRAY_TASK_ID) into DIR/sweep-part-I-of-N.parquet; 'sweep merge DIR' joins all N parts into the same sweep.parquet as one unsharded run. " +
        "--per-input replays each input (say one file per day) as its own session, and --shard then splits (combination, input) pairs, so each " +
        "task loads only its inputs. Walk-forward: --train 6h --test 2h ranks the grid on the first 6 h, trades the best combination on the 2 h " +
        "after (out of sample: those events only, flat at the start), moves on by 2 h and repeats while a whole test window fits; " +
        "--train FROM..TO --test FROM..TO (repeatable in pairs) gives the folds explicitly. It writes DIR/walkforward.parquet (per fold the windows, " +
        "the chosen settings, in-sample and out-of-sample results; then 'all': the test windows joined) and DIR/walkforward-train.parquet (each fold's in-sample ranking).")
    {
        _data.AddTo(this);
        _exchange.AddTo(this);
        _funding.AddTo(this);
        _latencyFile.AddTo(this);
        _settings.AddTo(this);
        foreach (var option in new Option[] { _grid, _parallel, _top, _out, _shard, _perInput, _train, _test, _anchored }) Options.Add(option);
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
        var source = _data.Read(run);
        var perInput = run.Get(_perInput);
        if (perInput && source.Files.Count == 0) throw new UsageException("--per-input needs tick files or folders: the built-in market is one input");
        // Each input its own session, or all of them merged into one market (one input).
        IReadOnlyList<DataSource> inputs = perInput ? [.. source.Files.Select(f => source with { Files = [f] })] : [source];
        var plan = ReadWalkForward(run);
        if (plan is not null && (perInput || run.Get(_shard) is not null))
            throw new UsageException("--train/--test run one walk-forward over the merged inputs: without --per-input and --shard");
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
            var pairs = grid.Count * inputs.Count;
            if (shard.Value.Count > pairs)
                throw new UsageException($"--shard: {shard.Value.Count} shards for {pairs} runs ({grid.Count} combinations × {inputs.Count} input(s)); use at most {pairs}");
        }
        var settings = _settings.Read(run);
        var sweep = new SweepSetup(grid, BacktestCommand.Validated(settings.Engine()), _latencyFile.Apply(run, _exchange.Read(run, settings, new SimExchangeConfig())), run.Get(_parallel), run.Get(_out));
        if (plan is not null) return await WalkForwardAsync(run, sweep, source, plan, cancel);

        var runs = Enumerable.Range(0, inputs.Count).Sum(f => Enumerable.Range(0, grid.Count).Count(c => shard is not { } s || s.Owns(c, f, inputs.Count)));
        var process = Process.GetCurrentProcess();
        var cpuBefore = TimeSpan.Zero;
        ProgressLine? progress = null;
        var rows = new List<SweepRow>();
        string? coin = null, fingerprint = null, exchangeLine = null, dataLine = null;
        for (var f = 0; f < inputs.Count && !cancel.IsCancellationRequested; f++)
        {
            var input = f;
            if (shard is { } owner && !Enumerable.Range(0, grid.Count).Any(c => owner.Owns(c, input, inputs.Count))) continue;
            var market = await inputs[f].LoadAsync(run.Err, cancel);
            if (coin is null)
            {
                coin = market.Asset.Name;
                sweep.Options = new BacktestOptions { Asset = market.Asset, Exchange = sweep.Exchange, Funding = await _funding.ReadAsync(run, coin, cancel) };
                exchangeLine = $"exchange: {ExchangeSettings.Describe(sweep.Exchange)}; fixed: {(sweep.Fixed.Count == 0 ? "defaults" : string.Join(' ', sweep.Fixed))}";
                var fundingLine = sweep.Options.Funding is { } series ? FundingOptions.Describe(series) : "";
                // What decides a row besides the grid; not the data's path, which may differ between the machines of one sweep.
                dataLine = perInput
                    ? $"{coin}: {inputs.Count} inputs, each its own session: {string.Join(", ", source.Files.Select(Path.GetFileName))}"
                    : $"{coin}: {market.Tape.EventCount} events {UtcTime.Format(market.Tape.FirstTimeMs)} → {UtcTime.Format(market.Tape.LastTimeMs)}";
                fingerprint = string.Join(" | ", dataLine, exchangeLine, fundingLine).TrimEnd(' ', '|');
                var what = perInput ? $"{inputs.Count} inputs, each its own session (flat at its start), joined per combination" : $"{market.Description} ({market.Tape.EventCount:N0} events)";
                run.Out.WriteLine($"sweep: {runs} runs{(shard is { } sh ? $" (shard {sh.Index} of {sh.Count} of a {grid.Count * inputs.Count}-run sweep)" : "")} over {what}, {sweep.Parallel} at a time");
                run.Out.WriteLine(exchangeLine);
                if (fundingLine.Length > 0) run.Out.WriteLine(fundingLine);
                if (TradeNotes.Fees(market, sweep.Fixed, sweep.Exchange) is { } fees) run.Out.WriteLine($"note: {fees}");
                // The processor time is counted over the progress line's clock: from here, after the first input's load.
                process.Refresh();
                cpuBefore = process.TotalProcessorTime;
                progress = new ProgressLine(run.Err, "sweep", runs);
            }
            else if (market.Asset.Name != coin)
                throw new UsageException($"{source.Files[f]} trades {market.Asset.Name}, the inputs before it {coin}: a --per-input sweep trades one coin (give --coin)");
            if (perInput) run.Out.WriteLine($"input {f + 1}/{inputs.Count}: {market.Description}, {market.Tape.EventCount:N0} events {UtcTime.Format(market.Tape.FirstTimeMs)} → {UtcTime.Format(market.Tape.LastTimeMs)}");
            var before = rows.Count;
            rows.AddRange(await Track(progress!, before, n => SweepRunner.Run(market.Tape, sweep.Options!, grid, sweep.Fixed, sweep.Parallel, n, cancel, shard, f, inputs.Count)));
        }
        progress?.Show(rows.Count);
        var elapsed = progress?.Elapsed ?? TimeSpan.Zero;
        process.Refresh();
        var cores = (process.TotalProcessorTime - cpuBefore).TotalSeconds / Math.Max(elapsed.TotalSeconds, 1e-9);

        Directory.CreateDirectory(sweep.Output);
        var path = Path.Combine(sweep.Output, shard?.PartFileName ?? "sweep.parquet");
        IReadOnlyList<SweepRow> ranked;
        if (shard is { } part)
        {
            ranked = SweepRunner.Rank(rows);
            await SweepParts.WritePartAsync(path, run.Get(_grid), part, fingerprint!, rows, inputs.Count, CancellationToken.None);
        }
        else
        {
            ranked = SweepRunner.Join(rows, inputs.Count);
            await SweepRunner.WriteAsync(path, grid, ranked, CancellationToken.None);
        }

        run.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rows.Count} runs in {elapsed.TotalSeconds:0.00} s ({rows.Count / Math.Max(elapsed.TotalSeconds, 1e-9):0.0} runs/s); {cores:0.00} of {Environment.ProcessorCount} cores busy on average"));
        PrintRanking(run, ranked, run.Get(_top));
        if (cancel.IsCancellationRequested)
        {
            run.Err.WriteLine($"hlscalper sweep: cancelled after {rows.Count} of {runs} runs; wrote the {ranked.Count} {(shard is null && perInput ? "combinations that finished over every input" : "that finished")} to {path}");
            return 130;
        }
        run.Out.WriteLine($"wrote {path}");
        return 0;
    }

    /// <summary>Runs <paramref name="work"/> off this thread, redrawing the progress line (counting from <paramref name="offset"/>) until it ends.</summary>
    private static async Task<T> Track<T>(ProgressLine progress, int offset, Func<Action<int>, T> work)
    {
        var done = 0;
        var task = Task.Run(() => work(n => Volatile.Write(ref done, n)), CancellationToken.None);
        while (!task.IsCompleted)
        {
            progress.Show(offset + Volatile.Read(ref done));
            await Task.WhenAny(task, Task.Delay(250, CancellationToken.None));
        }
        return await task;
    }

    private WalkForwardPlan? ReadWalkForward(VerbRun run)
    {
        var (train, test, anchored) = (run.Get(_train), run.Get(_test), run.Get(_anchored));
        if (train.Length == 0 && test.Length == 0)
        {
            if (anchored) throw new UsageException("--anchored belongs to a walk-forward: give --train and --test");
            return null;
        }
        try
        {
            return WalkForwardPlan.Parse(train, test, anchored, UtcTime.ParseMs);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private async Task<int> WalkForwardAsync(VerbRun run, SweepSetup sweep, DataSource source, WalkForwardPlan plan, CancellationToken cancel)
    {
        var market = await source.LoadAsync(run.Err, cancel);
        var options = new BacktestOptions { Asset = market.Asset, Exchange = sweep.Exchange, Funding = await _funding.ReadAsync(run, market.Asset.Name, cancel) };
        var folds = plan.Folds(market.Tape.FirstTimeMs, market.Tape.LastTimeMs);
        if (folds.Count == 0)
            throw new UsageException($"the data spans {UtcTime.Format(market.Tape.FirstTimeMs)} → {UtcTime.Format(market.Tape.LastTimeMs)}: too short for one fold ({plan.Describe()})");
        run.Out.WriteLine($"walk-forward: {folds.Count} fold(s) of {sweep.Grid.Count} combinations over {market.Description} ({market.Tape.EventCount:N0} events), {sweep.Parallel} at a time");
        run.Out.WriteLine($"folds: {plan.Describe()}; each window replayed alone (flat at its start); the in-sample best is traded out of sample");
        run.Out.WriteLine($"exchange: {ExchangeSettings.Describe(sweep.Exchange)}; fixed: {(sweep.Fixed.Count == 0 ? "defaults" : string.Join(' ', sweep.Fixed))}");
        if (options.Funding is { } series) run.Out.WriteLine(FundingOptions.Describe(series));
        if (!plan.IsExplicit && folds[^1].TestToMs <= market.Tape.LastTimeMs)
            run.Out.WriteLine($"note: the data after {UtcTime.Format(folds[^1].TestToMs)} is shorter than one test window and is not tested");

        var runs = folds.Count * (sweep.Grid.Count + 1);
        var progress = new ProgressLine(run.Err, "walk-forward", runs);
        var steps = await Track(progress, 0, n => WalkForward.Run(market.Tape, options, sweep.Grid, sweep.Fixed, folds, sweep.Parallel, n, cancel));
        progress.Show(steps.Count * (sweep.Grid.Count + 1));
        Directory.CreateDirectory(sweep.Output);
        await WalkForwardTables.WriteAsync(sweep.Output, sweep.Grid, steps, CancellationToken.None);

        run.Out.WriteLine();
        run.Out.WriteLine($"{"fold",4}  {"test window (UTC)",-47} {"in-sample",12} {"out-of-sample",14} {"oos trades",10} {"oos events",10}  chosen in-sample");
        foreach (var step in steps)
        {
            var (fold, chosen, oos) = (step.Fold, step.Chosen.Summary, step.OutOfSample.Summary);
            run.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{fold.Number,4}  {UtcTime.Format(fold.TestFromMs) + " → " + UtcTime.Format(fold.TestToMs),-47} {chosen.NetPnl,12:0.0000} {oos.NetPnl,14:0.0000} {oos.Trades,10} {step.TestEvents,10}  {string.Join(' ', step.Chosen.Settings)}"));
            if (step.TestEvents == 0) run.Out.WriteLine($"note: fold {fold.Number} has no events in its test window");
        }
        var (total, _) = WalkForward.OutOfSample(steps);
        var totalRows = total.Rows().ToDictionary(r => r.Name, r => r.Value);
        run.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"all",4}  {"",-47} {steps.Sum(s => s.Chosen.Summary.NetPnl),12:0.0000} {total.NetPnl,14:0.0000} {total.Trades,10} {steps.Sum(s => s.TestEvents),10}"));
        run.Out.WriteLine();
        run.Out.WriteLine($"out of sample, folds joined: net {totalRows["net_pnl_usd"]} USDC, sharpe {totalRows["sharpe"]}, hit rate {totalRows["hit_rate"]}, max drawdown {totalRows["max_drawdown_usd"]} USDC, fees {totalRows["fees_usd"]} USDC");
        run.Out.WriteLine();
        if (cancel.IsCancellationRequested)
        {
            run.Err.WriteLine($"hlscalper sweep: cancelled after {steps.Count} of {folds.Count} folds; wrote the {steps.Count} that finished to {sweep.Output}");
            return 130;
        }
        run.Out.WriteLine($"wrote {Path.Combine(sweep.Output, WalkForwardTables.FileName)} and {Path.Combine(sweep.Output, WalkForwardTables.TrainFileName)}");
        return 0;
    }

    /// <summary>What every run of one sweep shares.</summary>
    private sealed record SweepSetup(ParamGrid Grid, IReadOnlyList<string> Fixed, SimExchangeConfig Exchange, int Parallel, string Output)
    {
        public BacktestOptions? Options { get; set; }
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
