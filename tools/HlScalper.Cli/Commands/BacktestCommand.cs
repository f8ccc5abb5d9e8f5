using HlScalper.Engine.Strategy;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Reports;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper backtest</c>: replays recorded or built-in ticks through strategy and risk against the simulated exchange.</summary>
public sealed class BacktestCommand : ICommand
{
    public string Name => "backtest";

    public string Summary => "replay recorded or built-in ticks through strategy and risk against a simulated exchange";

    public string Help => $"""
        hlscalper backtest [--data FILE...] [--coin C] [--fill touch|queue] [--latency-ms N] [--set k=v ...] [--out DIR]

        Replays ticks through the live engine handler (book, signals, strategy, risk) on the same ring,
        against a simulated exchange, and writes trades.parquet, summary.parquet, equity.png and
        report.html. The same inputs and parameters give byte-identical summaries.

        Data:
        {ReplayArgs.DataHelp}

        Exchange model:
        {ExchangeArgs.Help}

        Run:
          --set k=v          a strategy or risk parameter, repeatable (keys below)
          --threads 1|2      1: engine inline on the replay thread; 2: engine on its own thread behind the
                             ring, as live (same result) (default 1)
          --out DIR          output directory (default backtest-out)

        Parameters (--set):
        {string.Join("\n", EngineConfig.Settings.Select(s => $"  {s.Key,-18} {s.Help}"))}
        """;

    public async Task<int> RunAsync(CommandArgs args, CancellationToken cancel)
    {
        var data = ReplayArgs.Read(args);
        var exchange = ExchangeArgs.Read(args);
        var settings = args.Values("set");
        var threads = args.Int("threads", 1);
        var output = args.String("out", "backtest-out");
        args.RejectUnknown();
        if (threads is not (1 or 2)) throw new UsageException("--threads must be 1 or 2");
        var asset = data.Asset();
        ValidateSettings(settings);

        var tape = await data.LoadAsync(Console.Error, cancel);
        var options = new BacktestOptions { Asset = asset, Settings = settings, Exchange = exchange, Threaded = threads == 2 };
        var result = Backtest.Run(tape, options, cancel);

        Directory.CreateDirectory(output);
        var run = new List<string>
        {
            $"data: {data.Describe()}, {tape.Count:N0} market events, {UtcTime.Format(tape.FirstTimeMs)} → {UtcTime.Format(tape.LastTimeMs)}",
            $"exchange: {ExchangeArgs.Describe(exchange)}",
            $"parameters: {(settings.Count == 0 ? "defaults" : string.Join(' ', settings))}",
            $"engine: {(threads == 2 ? "two threads (ring + batch processor)" : "one thread (inline)")}; {result.EventsPublished:N0} events in {result.Elapsed.TotalSeconds:0.000} s = {result.EventsPerSecond:N0} events/s",
            $"strategy: {result.Engine}",
        };
        if (KellyNote(result.Engine) is { } note) run.Add(note);
        await ResultFiles.WriteTradesAsync(Path.Combine(output, "trades.parquet"), result.Trades, tape.Coins, cancel);
        await ResultFiles.WriteSummaryAsync(Path.Combine(output, "summary.parquet"), result.Summary, cancel);
        EquityChart.Save(Path.Combine(output, "equity.png"), result.Equity, $"{asset.Name} back-test equity");
        HtmlReport.Write(Path.Combine(output, "report.html"), result.Summary, run, "equity.png");

        foreach (var line in run) Console.WriteLine(line);
        Console.WriteLine();
        Console.Write(result.Summary.ToTable());
        Console.WriteLine();
        Console.WriteLine($"wrote {Path.Combine(output, "trades.parquet")}, summary.parquet, equity.png, report.html");
        return 0;
    }

    /// <summary>Says so when the Kelly sizer, learning from the run's own trades, stopped the entries: a result a trader must not misread as "no signals".</summary>
    private static string? KellyNote(Engine.Strategy.EngineStats stats)
    {
        var skipped = stats.Skips(Engine.Strategy.SkipReason.KellyNotPositive);
        if (stats.KellyF > 0 || skipped == 0) return null;
        return $"note: after {stats.Trades} trade(s) the Kelly fraction f* is {stats.KellyF:0.###}: the strategy's own results say its edge does not cover "
               + $"its costs (fees included), so it stopped entering ({skipped:N0} triggers skipped). Widen tp_ticks, trade a market whose tick is larger "
               + "relative to fees, or pin sizing to the prior (--set prior_n=1000000) to see what it would have done.";
    }

    /// <summary>Rejects a bad --set before any data is read, as a usage error.</summary>
    internal static void ValidateSettings(IEnumerable<string> settings)
    {
        try
        {
            new EngineConfig().With(settings);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--set {e.Message}");
        }
    }
}
