using System.CommandLine;
using HlScalper.Cli.Options;
using HlScalper.Engine.Strategy;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Exchange;
using HlScalper.Replay.Reports;
using HlScalper.Replay.Sweep;

namespace HlScalper.Cli.Commands;

/// <summary><c>hlscalper backtest</c>: replays recorded or built-in ticks through strategy and risk against the simulated exchange and writes a report a trader can audit.</summary>
public sealed class BacktestCommand : Verb
{
    private readonly DataOptions _data = new();
    private readonly ExchangeOptions _exchange = new(KeyFamily.Exchange);
    private readonly SettingsOptions _settings = new(KeyFamily.Engine | KeyFamily.Exchange);
    private readonly FundingOptions _funding = new();
    private readonly LatencyFileOptions _latencyFile = new();
    private readonly Option<int> _threads = Opt.Number("--threads", "1: engine inline on the replay thread; 2: engine on its own thread behind the ring, as live (same result)", 1)
        .Check(t => t is 1 or 2, "--threads must be 1 or 2");
    private readonly Option<bool> _compare = Opt.Flag("--compare-fill", "also run the other fill model (touch vs queue) and show both in the report");
    private readonly Option<string> _breakEven = Opt.Text("--break-even",
        "take-profits (tp_ticks, comma-separated) the break-even section runs the back-test at, each repriced at every fee tier; none: skip it",
        string.Join(',', BreakEven.DefaultTicks)).Check(t => t == "none" || BreakEvenTicks(t) is not null, "--break-even: whole numbers from 1 to 1000, comma-separated, or none");
    private readonly Option<string> _out = Opt.Text("--out", "output directory", "backtest-out", "-o");

    public BacktestCommand() : base("backtest", "replay recorded or built-in ticks through strategy and risk against a simulated exchange; report.html",
        "Replay ticks through the live engine handler (book, signals, strategy, risk) on the same ring, against a simulated exchange " +
        "(latency, queue-position or touch fills, maker/taker fees). Writes trades.parquet and trades.csv (every round trip), " +
        "summary.parquet, equity.png, drawdown.png and report.html (parameters, summary with a legend, PnL by exit reason, every trade). " +
        "The same inputs and parameters give byte-identical results.")
    {
        _data.AddTo(this);
        _exchange.AddTo(this);
        _funding.AddTo(this);
        _latencyFile.AddTo(this);
        _settings.AddTo(this);
        foreach (var option in new Option[] { _threads, _compare, _breakEven, _out }) Options.Add(option);
    }

    public override int Order => 10;

    public override string HelpEpilog => $"{DataOptions.Formats}\n\n{_settings.Help()}";

    protected override async Task<int> RunAsync(VerbRun run, CancellationToken cancel)
    {
        var settings = _settings.Read(run);
        var engineSettings = Validated(settings.Engine());
        var exchange = _latencyFile.Apply(run, _exchange.Read(run, settings, new SimExchangeConfig()));
        var threads = run.Get(_threads);
        var output = run.Get(_out);
        var market = await _data.Read(run).LoadAsync(run.Err, cancel);

        var funding = await _funding.ReadAsync(run, market.Asset.Name, cancel);
        var options = new BacktestOptions { Asset = market.Asset, Settings = engineSettings, Exchange = exchange, Funding = funding, Threaded = threads == 2 };
        var result = Backtest.Run(market.Tape, options, cancel);
        var other = exchange with { Fill = exchange.Fill == FillModel.Queue ? FillModel.Touch : FillModel.Queue };
        var comparison = run.Get(_compare) ? Backtest.Run(market.Tape, options with { Exchange = other }, cancel) : null;
        var breakEven = BreakEvenTicks(run.Get(_breakEven)) is { } ticks
            ? BreakEven.Compute(market.Tape, options with { Threaded = false }, result.Summary, ticks, Environment.ProcessorCount, cancel)
            : null;

        var tape = market.Tape;
        var lines = new List<string>
        {
            $"data: {market.Description}, {tape.EventCount:N0} market events, {UtcTime.Format(tape.FirstTimeMs)} → {UtcTime.Format(tape.LastTimeMs)}",
            $"exchange: {ExchangeSettings.Describe(exchange)}",
            $"parameters: {(engineSettings.Count == 0 ? "defaults" : string.Join(' ', engineSettings))}{(settings.File is { } f ? $" (from {f} and --set)" : "")}",
            $"engine: {(threads == 2 ? "two threads (ring + batch processor)" : "one thread (inline)")}; {result.EventsPublished:N0} events in {result.Elapsed.TotalSeconds:0.000} s = {result.EventsPerSecond:N0} events/s",
            $"strategy: {StrategyCounters.Line(result.Engine)}",
        };
        if (funding is not null) lines.Insert(2, FundingOptions.Describe(funding));
        var notes = new[] { TradeNotes.Fees(market, engineSettings, exchange), TradeNotes.Kelly(result.Engine) }.OfType<string>().ToList();

        Directory.CreateDirectory(output);
        await ResultFiles.WriteTradesAsync(Path.Combine(output, "trades.parquet"), result.Trades, tape.Coins, cancel);
        await ResultFiles.WriteSummaryAsync(Path.Combine(output, "summary.parquet"), result.Summary, cancel);
        EquityChart.Save(Path.Combine(output, "equity.png"), result.Equity, $"{market.Asset.Name} back-test equity");
        EquityChart.SaveDrawdown(Path.Combine(output, "drawdown.png"), result.Equity, market.Asset.Name);
        HtmlReport.Write(Path.Combine(output, "report.html"), new ReportContent
        {
            Title = $"HlScalper back-test: {market.Asset.Name}",
            Run = lines,
            Parameters = Parameters(engineSettings),
            Summary = result.Summary,
            Strategy = StrategyCounters.Rows(result.Engine),
            Trades = ResultFiles.TradesTable(result.Trades, tape.Coins),
            TradeRecords = result.Trades,
            Notes = notes,
            Comparison = comparison is null ? [] : [($"fill={other.Fill.ToString().ToLowerInvariant()}", comparison.Summary)],
            BreakEven = breakEven,
        });

        foreach (var line in lines) run.Out.WriteLine(line);
        foreach (var note in notes) run.Out.WriteLine($"note: {note}");
        run.Out.WriteLine();
        run.Out.Write(result.Summary.ToTable());
        if (comparison is not null) run.Out.WriteLine($"with fill={other.Fill.ToString().ToLowerInvariant()}: net_pnl_usd={comparison.Summary.NetPnl:0.0000} trades={comparison.Summary.Trades} orders_filled={comparison.Summary.OrdersFilled} filled_notional_usd={comparison.Summary.FilledNotional:0.0000} fills={comparison.Summary.Fills}");
        if (breakEven is not null)
        {
            run.Out.WriteLine();
            foreach (var line in breakEven.Lines()) run.Out.WriteLine(line);
        }
        run.Out.WriteLine();
        run.Out.WriteLine($"wrote {Path.Combine(output, "report.html")}, trades.parquet, trades.csv, summary.parquet, equity.png, drawdown.png");
        return 0;
    }

    /// <summary>The take-profit ladder of --break-even; null for none or for text that is not one.</summary>
    private static int[]? BreakEvenTicks(string text)
    {
        if (text == "none") return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var ticks = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ticks[i]) || ticks[i] is < 1 or > 1000) return null;
        return ticks;
    }

    /// <summary>Every engine parameter with the value this run used, marking the ones changed from the default.</summary>
    internal static IReadOnlyList<(string Key, string Value, bool Changed)> Parameters(IReadOnlyList<string> settings)
    {
        var used = new EngineConfig().With(settings);
        var defaults = new EngineConfig();
        return EngineConfig.Settings.Select(s => (s.Key, used.Get(s.Key), used.Get(s.Key) != defaults.Get(s.Key))).ToList();
    }

    /// <summary>Rejects a bad engine setting before any data is read, as a usage error.</summary>
    internal static IReadOnlyList<string> Validated(IReadOnlyList<string> settings)
    {
        try
        {
            new EngineConfig().With(settings);
            return settings;
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--set {e.Message}");
        }
    }
}
