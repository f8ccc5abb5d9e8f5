using System.CommandLine;
using HlScalper.Cli.Commands;
using HlScalper.Replay.Data.Compact;

namespace HlScalper.Cli.Options;

/// <summary>Where a replay's ticks come from: files and folders (as arguments or <c>--data</c>) or the built-in seeded market; shared by backtest, sweep and sim.</summary>
internal sealed class DataOptions
{
    public const string Formats =
        "Tick files are recognised by content: Hyperliquid archive LZ4 ({\"time\",\"ver_num\",\"raw\"} lines, what 'record' writes), hftbacktest gzip "
        + "('<ns> <message>' lines), plain WS-message JSON lines (optionally LZ4 or gzip), this tool's Parquet tick tables ('convert'), and the "
        + "WebSocket collector's CSV and Parquet tables (orderbooks_*, trades_*, prices_*). A folder is searched recursively. Files are merged "
        + "in time order and duplicate trade ids dropped; a bad line is reported as file:line and skipped unless --strict.";

    public readonly Argument<string[]> Files = new("FILE") { Description = "tick files or folders (same as --data)", Arity = ArgumentArity.ZeroOrMore };

    public readonly Option<string[]> Data = Opt.Many("--data", "tick file or folder, repeatable (formats below); without any, the built-in seeded market");

    public readonly Option<string?> Coin = Opt.OptionalText("--coin", "the coin to trade, any case; not needed when the data holds one coin (built-in market: BTC)");

    public readonly Option<int?> SzDecimals = Opt.OptionalNumber<int>("--sz-decimals", "size decimals of a coin not known here (BTC, ETH, SOL are)");

    public readonly Option<bool> Strict = Opt.Flag("--strict", "stop at the first bad line instead of reporting and skipping it");

    public readonly Option<bool> AllowGaps = Opt.Flag("--allow-gaps", "replay data with a gap of more than a day between events (otherwise an error)");

    public readonly Option<string?> TapeCache = Opt.OptionalText("--tape-cache",
        "folder of decoded tapes (each file decoded once, then streamed; delete the folder to clear it), or 'off' to keep them in memory; default $HLSCALPER_TAPE_CACHE, else ~/.cache/hlscalper/tapes");

    public readonly Option<ulong> Seed = Opt.Number("--seed", "seed of the built-in market", 42UL);

    public readonly Option<int> Minutes = Opt.Number("--minutes", "length of the built-in market in minutes", 60).Check(m => m > 0, "--minutes must be above 0");

    /// <summary>The files given; "-j" or "--frobnicate" where a file is expected is a mistyped option, not a file name (a file named so is ./-j).</summary>
    public static string[] FilesOf(VerbRun run, Argument<string[]> files)
    {
        var values = run.Get(files) ?? [];
        if (values.FirstOrDefault(v => v.StartsWith('-') && v.Length > 1) is { } option) throw new UsageException($"unknown option '{option}'");
        return values;
    }

    public void AddTo(Command command)
    {
        command.Arguments.Add(Files);
        foreach (var option in new Option[] { Data, Coin, SzDecimals, Strict, AllowGaps, TapeCache, Seed, Minutes }) command.Options.Add(option);
        command.Validators.Add(r =>
        {
            var files = (r.GetValue(Files)?.Length ?? 0) + (r.GetValue(Data)?.Length ?? 0);
            if (files > 0 && (r.GetResult(Seed) is { Implicit: false } || r.GetResult(Minutes) is { Implicit: false }))
                r.AddError("--seed and --minutes describe the built-in market; they do not apply to tick files");
        });
    }

    public DataSource Read(VerbRun run) => new(
        [.. FilesOf(run, Files), .. run.Get(Data)], run.Get(Coin), run.Get(SzDecimals), run.Get(Strict), run.Get(AllowGaps), run.Get(Seed), run.Get(Minutes), CacheOf(run.Get(TapeCache)));

    private static TapeCache CacheOf(string? option) => option switch
    {
        null => new TapeCache(Replay.Data.Compact.TapeCache.DefaultDirectory()),
        _ when option.Equals("off", StringComparison.OrdinalIgnoreCase) => Replay.Data.Compact.TapeCache.InMemory,
        _ => new TapeCache(option),
    };
}
