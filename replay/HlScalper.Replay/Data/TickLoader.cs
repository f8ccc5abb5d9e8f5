using HlScalper.Engine.Events;
using HlScalper.Replay.Driver;

namespace HlScalper.Replay.Data;

/// <summary>Everything loaded from a set of tick files: the merged tape and what each file held.</summary>
public sealed record LoadResult(EventTape Tape, IReadOnlyList<FileReport> Files, long DuplicateTrades, IReadOnlyDictionary<ushort, long> DuplicatesByCoin);

/// <summary>Loads tick files of any supported format, detected per file, merged into one time-ordered tape, optionally for one coin only.</summary>
public static class TickLoader
{
    /// <param name="paths">Files, or directories whose files are all read (e.g. the output of <c>convert</c>).</param>
    /// <param name="coin">Keep only this coin; null keeps every coin met.</param>
    public static async Task<LoadResult> LoadAsync(IEnumerable<string> paths, string? coin, bool strict, Action<string> log, CancellationToken cancel = default)
    {
        var builder = new TapeBuilder(coin is null ? new CoinTable() : new CoinTable(coin));
        var reports = new List<FileReport>();
        var files = Expand(paths).Select(path => (Path: path, Format: FormatDetector.Detect(path))).ToList();
        // Sized from the footers, but never beyond one event per byte of the files: a corrupt footer cannot claim gigabytes.
        var parquet = files.Where(f => f.Format.IsParquet).Select(f => f.Path).ToList();
        var rows = Math.Min(await TickTables.CountRowsAsync(parquet, cancel), parquet.Sum(p => new FileInfo(p).Length));
        builder.EnsureCapacity((int)Math.Min(int.MaxValue / 2, rows));
        foreach (var (path, format) in files)
        {
            cancel.ThrowIfCancellationRequested();
            if (format.IsParquet) reports.Add(await TickTables.ReadAsync(path, builder, learnCoins: coin is null, strict, log, cancel));
            else reports.Add(JsonTickReader.Read(path, format, builder, learnCoins: coin is null, strict, log, cancel));
        }
        return new LoadResult(builder.Build(), reports, builder.DuplicateTrades, builder.DuplicatesByCoin);
    }

    private static IEnumerable<string> Expand(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.GetFiles(path).Order(StringComparer.Ordinal)) yield return file;
            }
            else if (File.Exists(path)) yield return path;
            else throw new TickDataException($"{path}: no such file or directory");
        }
    }
}
