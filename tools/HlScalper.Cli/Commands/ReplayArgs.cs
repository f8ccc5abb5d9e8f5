using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Replay.Data;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Synthetic;

namespace HlScalper.Cli.Commands;

/// <summary>Where a replay's ticks come from (files or the built-in market), shared by <c>backtest</c> and <c>sweep</c>.</summary>
internal sealed class ReplayArgs
{
    public const string DataHelp = """
          --data FILE        recorded ticks, repeatable; files are merged in time order. Formats are
                             detected from the content: Hyperliquid archive LZ4 ({"time","ver_num","raw"}
                             lines), hftbacktest gzip ("<ns> <message>" lines), plain WS-message JSON
                             lines (optionally LZ4 or gzip), or this tool's Parquet tick tables (convert)
          --coin C           the coin to trade and to keep from the data (default BTC)
          --sz-decimals N    size decimals of a coin not known here (BTC, ETH, SOL are)
          --strict           stop at the first bad line instead of reporting and skipping it
          Without --data, the built-in seeded market is used:
          --seed N           its seed (default 42)
          --minutes N        its length in minutes (default 60)
        """;

    private ReplayArgs(List<string> files, string coin, int? szDecimals, bool strict, ulong seed, int minutes)
    {
        Files = files;
        Coin = coin;
        SzDecimals = szDecimals;
        Strict = strict;
        Seed = seed;
        Minutes = minutes;
    }

    public List<string> Files { get; }

    public string Coin { get; }

    public int? SzDecimals { get; }

    public bool Strict { get; }

    public ulong Seed { get; }

    public int Minutes { get; }

    public static ReplayArgs Read(CommandArgs args)
    {
        var files = args.Values("data");
        var coin = args.String("coin", "BTC");
        var sz = args.String("sz-decimals") is null ? (int?)null : args.Int("sz-decimals", 0);
        var strict = args.Flag("strict");
        var seed = args.Long("seed", 42);
        var minutes = args.Int("minutes", 60);
        if (minutes <= 0) throw new UsageException("--minutes must be above 0");
        if (files.Count > 0 && (args.String("seed") is not null || args.String("minutes") is not null))
            throw new UsageException("--seed and --minutes describe the built-in market; they do not apply with --data");
        return new ReplayArgs(files, coin, sz, strict, (ulong)seed, minutes);
    }

    public AssetMeta Asset()
    {
        try
        {
            return KnownAssets.Find(Coin, SzDecimals);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    public string Describe() => Files.Count == 0
        ? $"built-in market (seed {Seed}, {Minutes} min, {Coin})"
        : $"{string.Join(", ", Files)} ({Coin})";

    /// <summary>Decodes the data once into a tape; skipped bad lines and dropped duplicates are reported on <paramref name="log"/>.</summary>
    /// <exception cref="TickDataException">A file is missing, of unknown format or corrupt, or (--strict) has a bad line.</exception>
    public async Task<EventTape> LoadAsync(TextWriter log, CancellationToken cancel)
    {
        if (Files.Count == 0)
            return SyntheticTape.Build(new SyntheticMarketConfig { Seed = Seed, DurationMs = Minutes * 60_000L, Coin = Coin });
        var load = await TickLoader.LoadAsync(Files, Coin, Strict, log.WriteLine, cancel);
        foreach (var file in load.Files)
            log.WriteLine($"{file.Path}: {file.Format}, {file.Events:N0} {Coin} events{(file.BadLines > 0 ? $", {file.BadLines} bad lines skipped" : "")}");
        if (load.DuplicateTrades > 0) log.WriteLine($"{load.DuplicateTrades} duplicate trades (same tid) dropped");
        if (load.Tape.Count == 0) throw new TickDataException($"no {Coin} market events in {string.Join(", ", Files)}");
        return load.Tape;
    }
}
