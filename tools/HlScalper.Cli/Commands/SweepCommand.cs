using System.Diagnostics;
using System.Globalization;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Sweep;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper sweep</c>: back-tests every combination of a parameter grid in parallel over data decoded once, ranked into <c>sweep.parquet</c>.</summary>
public sealed class SweepCommand : ICommand
{
    public string Name => "sweep";

    public string Summary => "back-test every combination of a parameter grid in parallel and rank them";

    public string Help => $"""
        hlscalper sweep --grid "k=v1,v2;k2=v1,v2" [--data FILE...] [--coin C] [--set k=v ...] [--parallel N] [--top N] [--out DIR]

        Each combination is an independent back-test (own ring, handler and simulated exchange) over the
        same ticks, decoded once and shared read-only; runs are spread over all cores with a progress bar.
        Results are ranked by net PnL, then Sharpe, and written to DIR/sweep.parquet.
        Example: --grid "imbalance=0.55,0.6,0.65;spread_bps=1,2;timeout_s=3,5,8"

          --grid G           the grid: ';'-separated key=values, values ','-separated (keys: backtest --help)
          --set k=v          fixed settings applied to every run, repeatable
          --parallel N       runs at once (default: all {Environment.ProcessorCount} cores)
          --top N            rows of the ranking printed (default 10)
          --out DIR          output directory (default sweep-out)

        Data:
        {ReplayArgs.DataHelp}

        Exchange model:
        {ExchangeArgs.Help}
        """;

    public async Task<int> RunAsync(CommandArgs args, CancellationToken cancel)
    {
        var gridText = args.String("grid") ?? throw new UsageException("--grid is required");
        var data = ReplayArgs.Read(args);
        var exchange = ExchangeArgs.Read(args);
        var settings = args.Values("set");
        var parallel = args.Int("parallel", Environment.ProcessorCount);
        var top = args.Int("top", 10);
        var output = args.String("out", "sweep-out");
        args.RejectUnknown();
        if (parallel < 1) throw new UsageException("--parallel must be at least 1");
        ParamGrid grid;
        try
        {
            grid = ParamGrid.Parse(gridText);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--grid: {e.Message}");
        }
        BacktestCommand.ValidateSettings(settings);
        var asset = data.Asset();

        var tape = await data.LoadAsync(Console.Error, cancel);
        var options = new BacktestOptions { Asset = asset, Exchange = exchange };
        Console.WriteLine($"sweep: {grid.Count} runs over {data.Describe()} ({tape.Count:N0} events), {parallel} at a time");

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var done = 0;
        var work = Task.Run(() => SweepRunner.Run(tape, options, grid, settings, parallel, n => Volatile.Write(ref done, n), cancel), cancel);
        while (!work.IsCompleted)
        {
            DrawProgress(Volatile.Read(ref done), grid.Count, clock.Elapsed);
            await Task.WhenAny(work, Task.Delay(250, CancellationToken.None));
        }
        var ranked = await work;
        clock.Stop();
        DrawProgress(grid.Count, grid.Count, clock.Elapsed);
        Console.Error.WriteLine();
        process.Refresh();
        var cores = (process.TotalProcessorTime - cpuBefore).TotalSeconds / clock.Elapsed.TotalSeconds;

        Directory.CreateDirectory(output);
        var path = Path.Combine(output, "sweep.parquet");
        await SweepRunner.WriteAsync(path, grid, ranked, cancel);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{grid.Count} runs in {clock.Elapsed.TotalSeconds:0.00} s ({grid.Count / clock.Elapsed.TotalSeconds:0.0} runs/s, {cores:0.00} cores busy on average)"));
        Console.WriteLine();
        Console.WriteLine($"{"rank",4}  {"net_pnl_usd",12} {"sharpe",9} {"trades",7} {"hit_rate",8}  settings");
        foreach (var (row, i) in ranked.Take(top).Select((r, i) => (r, i)))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{i + 1,4}  {row.Summary.NetPnl,12:0.0000} {row.Summary.Sharpe,9:0.000} {row.Summary.Trades,7} {row.Summary.HitRate,8:0.000}  {string.Join(' ', row.Settings)}"));
        Console.WriteLine();
        Console.WriteLine($"wrote {path}");
        return 0;
    }

    private static void DrawProgress(int done, int total, TimeSpan elapsed)
    {
        const int width = 30;
        var filled = total == 0 ? width : done * width / total;
        Console.Error.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r[{new string('#', filled)}{new string('.', width - filled)}] {done}/{total} {elapsed.TotalSeconds:0.0} s"));
    }
}
