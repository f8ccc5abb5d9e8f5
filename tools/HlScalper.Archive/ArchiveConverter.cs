using HlScalper.Replay.Data;

namespace HlScalper.Archive;

/// <summary>Turns a fetched archive tree into what the back-test reads: the l2Book hours into Parquet tick tables, and the asset_ctxs days into each coin's <see cref="FundingSeries"/>.</summary>
public static class ArchiveConverter
{
    /// <summary>The l2Book files under <paramref name="root"/> (of <paramref name="coin"/> when given), in day and hour order; unfinished part files are left out.</summary>
    public static IReadOnlyList<string> BookFiles(string root, string? coin)
    {
        var market = Path.Combine(root, "market_data");
        if (!Directory.Exists(market)) return [];
        return Directory.EnumerateFiles(market, "*.lz4", SearchOption.AllDirectories)
            .Where(p => !PartFile.IsPart(p) && Path.GetFileName(Path.GetDirectoryName(p)) == "l2Book")
            .Where(p => coin is null || Path.GetFileNameWithoutExtension(p) == coin)
            .Select(p => (Path: p, Hour: HourOf(market, p)))
            .OrderBy(x => x.Hour.Day, StringComparer.Ordinal).ThenBy(x => x.Hour.Hour).ThenBy(x => x.Path, StringComparer.Ordinal)
            .Select(x => x.Path)
            .ToList();
    }

    /// <summary>The asset_ctxs day files under <paramref name="root"/>, oldest first.</summary>
    public static IReadOnlyList<string> AssetCtxFiles(string root)
    {
        var directory = Path.Combine(root, "asset_ctxs");
        return Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory).Where(p => !PartFile.IsPart(p)).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    /// <summary>Writes the tick tables of <paramref name="root"/>'s l2Book files into <paramref name="output"/> and reads each coin's funding series beside them.</summary>
    /// <exception cref="TickDataException">No l2Book files, or one is corrupt (its name is in the message).</exception>
    public static async Task<ConvertResult> ConvertAsync(string root, string output, string? coin, bool strict, Action<string> log, CancellationToken cancel)
    {
        var books = BookFiles(root, coin);
        if (books.Count == 0)
            throw new TickDataException($"{root}: no l2Book files{(coin is null ? "" : $" of {coin}")} under market_data/ (fetch them with --kind l2book)");
        var load = await TickLoader.LoadAsync(books, coin, strict, log, cancel);
        var (bookRows, tradeRows) = await TickTables.WriteAsync(load.Tape, output, cancel);
        var ctxFiles = AssetCtxFiles(root);
        var coins = coin is null ? Enumerable.Range(0, load.Tape.Coins.Count).Select(i => load.Tape.Coins.NameOf((ushort)i)).ToList() : [coin];
        var funding = ctxFiles.Count == 0 ? [] : coins.Select(c => FundingSeries.Load(ctxFiles, c, log, cancel)).ToList();
        return new ConvertResult(books.Count, bookRows, tradeRows, load.Tape.FirstTimeMs, load.Tape.LastTimeMs, ctxFiles.Count, funding);
    }

    private static (string Day, int Hour) HourOf(string market, string path)
    {
        // market_data/<YYYYMMDD>/<H>/l2Book/<COIN>.lz4: H has no zero padding, so order it as a number.
        var parts = Path.GetRelativePath(market, path).Split(Path.DirectorySeparatorChar);
        return (parts[0], parts.Length > 1 && int.TryParse(parts[1], out var hour) ? hour : -1);
    }
}
