using HlScalper.Cli.Commands;
using HlScalper.Engine.Numbers;
using HlScalper.Replay.Data;
using HlScalper.Replay.Data.Compact;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Synthetic;

namespace HlScalper.Cli.Options;

/// <summary>The ticks a replay verb asked for, loaded into one coin's tape with that coin's metadata.</summary>
internal sealed record DataSource(IReadOnlyList<string> Files, string? Coin, int? SzDecimals, bool Strict, bool AllowGaps, ulong Seed, int Minutes, TapeCache Cache)
{
    /// <summary>Decodes the data once; reports each file, dropped duplicates and gaps on <paramref name="log"/> (stderr).</summary>
    /// <exception cref="TickDataException">Unreadable data, no data for the coin, or (without --allow-gaps) a gap of more than a day.</exception>
    /// <exception cref="UsageException">A coin whose size decimals are unknown and not given.</exception>
    public async Task<Market> LoadAsync(TextWriter log, CancellationToken cancel)
    {
        if (Files.Count == 0)
        {
            var builtIn = Asset(Coin ?? "BTC");
            var synthetic = SyntheticTape.Build(new SyntheticMarketConfig { Seed = Seed, DurationMs = Minutes * 60_000L, Coin = builtIn.Name });
            return new Market(synthetic, builtIn, $"built-in market (seed {Seed}, {Minutes} min, {builtIn.Name})");
        }
        var load = await TickLoader.LoadCompactAsync(Files, Strict, Cache, log.WriteLine, cancel, coinOfUnnamedFiles: Coin);
        var (index, name) = CoinChoice.Pick(load.Tape, Coin, string.Join(", ", Files));
        var asset = Asset(name);
        var tape = load.Tape.Only(index, asset.Name);
        foreach (var file in load.Files)
            log.WriteLine($"{file.Path}: {file.Format}, {file.Events:N0} events{(file.BadLines > 0 ? $", {file.BadLines} bad lines skipped" : "")}");
        if (load.DuplicatesByCoin.GetValueOrDefault(index) is > 0 and var duplicates) log.WriteLine($"{duplicates} duplicate {asset.Name} trades (same tid) dropped");
        CheckGaps(tape, log);
        return new Market(tape, asset, $"{string.Join(", ", Files)} ({asset.Name})");
    }

    private void CheckGaps(Tape tape, TextWriter log)
    {
        var gaps = TimeGaps.Find(tape, TimeGaps.WarnMs);
        if (gaps.Count == 0) return;
        var longest = gaps.MaxBy(g => g.ToMs - g.FromMs);
        var text = $"{gaps.Count} gap(s) of more than an hour without data, the longest {Span(longest.ToMs - longest.FromMs)} from {UtcTime.Format(longest.FromMs)} to {UtcTime.Format(longest.ToMs)}";
        if (longest.ToMs - longest.FromMs > TimeGaps.ErrorMs && !AllowGaps)
            throw new TickDataException($"{text}: files that far apart are replayed as one market (use --allow-gaps if that is meant)");
        log.WriteLine($"warning: {text}; the replay runs through the silence");
    }

    private static string Span(long ms) => ms >= TimeGaps.ErrorMs ? $"{ms / (double)TimeGaps.ErrorMs:0.#} days" : $"{ms / (double)TimeGaps.WarnMs:0.#} h";

    private AssetMeta Asset(string coin)
    {
        try
        {
            return KnownAssets.Find(coin, SzDecimals);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }
}

/// <summary>One coin's tape, its metadata and a line saying where it came from.</summary>
internal sealed record Market(Tape Tape, AssetMeta Asset, string Description);
