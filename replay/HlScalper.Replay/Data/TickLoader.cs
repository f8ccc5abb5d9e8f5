using HlScalper.Engine.Events;
using HlScalper.Replay.Data.Collector;
using HlScalper.Replay.Data.Compact;
using HlScalper.Replay.Driver;

namespace HlScalper.Replay.Data;

/// <summary>Loads tick files of any supported format, detected per file, merged into one time-ordered tape, optionally for one coin only.</summary>
public static class TickLoader
{
    /// <param name="paths">Files, or directories searched recursively (e.g. the output of <c>convert</c>, a collector's folder); in a directory, a file of no known format is reported and skipped.</param>
    /// <param name="coin">Keep only this coin; null keeps every coin met.</param>
    /// <param name="coinOfUnnamedFiles">The coin of collector files whose name does not carry one (<c>orderbooks_1765401094886.parquet</c>).</param>
    public static async Task<LoadResult> LoadAsync(IEnumerable<string> paths, string? coin, bool strict, Action<string> log, CancellationToken cancel = default, string? coinOfUnnamedFiles = null)
    {
        var builder = new TapeBuilder(coin is null ? new CoinTable() : new CoinTable(coin));
        var reports = new List<FileReport>();
        var files = await DetectAsync(paths, log, cancel);
        // Sized from the footers, but never beyond one event per byte of the files: a corrupt footer cannot claim gigabytes.
        var parquet = files.Where(f => f.Format.IsParquet).Select(f => f.Path).ToList();
        var rows = Math.Min(await TickTables.CountRowsAsync(parquet, cancel), parquet.Sum(p => new FileInfo(p).Length));
        builder.EnsureCapacity((int)Math.Min(int.MaxValue / 2, rows));
        foreach (var (path, format) in files)
        {
            cancel.ThrowIfCancellationRequested();
            reports.Add(await ReadFileAsync(path, format, builder, coin, coinOfUnnamedFiles, strict, log, cancel));
        }
        return new LoadResult(builder.Build(), reports, builder.DuplicateTrades, builder.DuplicatesByCoin);
    }

    /// <summary>Loads the files as a <see cref="CompactTape"/>: each input decoded once into its compact tape file (found in <paramref name="cache"/> when it was decoded before with the same settings), the inputs merged as they are read.</summary>
    /// <remarks>
    /// Every coin is kept (pick one with <see cref="CompactTape.Only"/>); duplicates are per coin within and across
    /// inputs. An input is one file, except that tick tables of one folder met one after another (<c>convert</c>'s
    /// books and trades) are one input, read into one tape file: they interleave by their source order when decoded,
    /// so replays need no merge of the two and no second pass to count trades repeated across files. Reports are
    /// per input, as it was read.
    /// </remarks>
    public static async Task<CompactLoad> LoadCompactAsync(IEnumerable<string> paths, bool strict, TapeCache cache, Action<string> log, CancellationToken cancel = default, string? coinOfUnnamedFiles = null)
    {
        var segments = new List<TapeSegment>();
        var reports = new List<FileReport>();
        foreach (var (files, format) in Inputs(await DetectAsync(paths, log, cancel)))
        {
            cancel.ThrowIfCancellationRequested();
            var segment = await cache.GetAsync(files, format, strict, coinOfUnnamedFiles, log, async (builder, fileLog) =>
            {
                var read = new List<FileReport>();
                foreach (var path in files) read.Add(await ReadFileAsync(path, format, builder, null, coinOfUnnamedFiles, strict, fileLog, cancel));
                return read[0] with { Lines = read.Sum(r => r.Lines), Messages = read.Sum(r => r.Messages), BadLines = read.Sum(r => r.BadLines), Events = read.Sum(r => r.Events) };
            }, cancel);
            segments.Add(segment);
            var h = segment.Header;
            var name = files.Count == 1 ? files[0] : $"{files[0]} + {string.Join(" + ", files.Skip(1).Select(Path.GetFileName))}";
            reports.Add(new FileReport(name, format, h.Lines, h.Messages, h.BadLines, h.EventCount));
        }
        var tape = new CompactTape(segments);
        var duplicates = Enumerable.Range(0, tape.CrossFileDuplicates.Length).Where(c => tape.CrossFileDuplicates[c] > 0).ToDictionary(c => (ushort)c, c => tape.CrossFileDuplicates[c]);
        foreach (var h in segments.Select(s => s.Header))
            for (var local = 0; local < h.Coins.Count; local++)
                if (h.DuplicatesByCoin[local] > 0)
                {
                    var coin = (ushort)tape.Coins.Find(System.Text.Encoding.UTF8.GetBytes(h.Coins[local]));
                    duplicates[coin] = duplicates.GetValueOrDefault(coin) + h.DuplicatesByCoin[local];
                }
        return new CompactLoad(tape, reports, duplicates);
    }

    /// <summary>The files read into one compact tape file each: one file, or consecutive tick tables of one folder.</summary>
    private static List<(List<string> Files, TickFormat Format)> Inputs(List<(string Path, TickFormat Format)> files)
    {
        var inputs = new List<(List<string> Files, TickFormat Format)>();
        foreach (var (path, format) in files)
        {
            var table = format.IsParquet && format.Collector == CollectorTable.None;
            if (table && inputs.Count > 0 && inputs[^1] is var (last, lastFormat) && lastFormat == format
                && Path.GetDirectoryName(Path.GetFullPath(last[0])) == Path.GetDirectoryName(Path.GetFullPath(path)))
                last.Add(path);
            else inputs.Add(([path], format));
        }
        return inputs;
    }

    /// <summary>Every file to read with its detected format; in a folder, a file of no known format is reported and skipped.</summary>
    private static async Task<List<(string Path, TickFormat Format)>> DetectAsync(IEnumerable<string> paths, Action<string> log, CancellationToken cancel)
    {
        var files = new List<(string Path, TickFormat Format)>();
        foreach (var (path, named) in Expand(paths))
        {
            TickFormat format;
            try
            {
                format = FormatDetector.Detect(path);
            }
            catch (Exception e) when (!named && e is TickDataException or IOException)
            {
                log($"{e.Message} (found in a folder; skipped)");
                continue;
            }
            // A Parquet file is a tick file wherever it was found: damage in it is an error, not a reason to skip it.
            if (format.IsParquet && await CollectorParquetReader.DetectAsync(path, cancel) is var table and not CollectorTable.None) format = format with { Collector = table };
            files.Add((path, format));
        }
        return files;
    }

    private static async Task<FileReport> ReadFileAsync(string path, TickFormat format, TapeBuilder builder, string? coin, string? coinOfUnnamedFiles, bool strict, Action<string> log, CancellationToken cancel)
    {
        if (format.Collector != CollectorTable.None) return await ReadCollectorAsync(path, format, builder, coin, coinOfUnnamedFiles, strict, log, cancel);
        if (format.IsParquet) return await TickTables.ReadAsync(path, builder, learnCoins: coin is null, strict, log, cancel);
        return JsonTickReader.Read(path, format, builder, learnCoins: coin is null, strict, log, cancel);
    }

    /// <summary>A collector table: its coin comes from its file name, else from <paramref name="coinOfUnnamedFiles"/>; a coin the filter excludes is not read.</summary>
    private static async Task<FileReport> ReadCollectorAsync(string path, TickFormat format, TapeBuilder builder, string? coin, string? coinOfUnnamedFiles, bool strict, Action<string> log, CancellationToken cancel)
    {
        var name = CollectorColumns.CoinOf(path) ?? coinOfUnnamedFiles
                   ?? throw new TickDataException($"{path}: a collector {format.Collector.ToString().ToLowerInvariant()} table whose file name does not say its coin: give the coin (--coin)");
        var index = builder.Coins.Find(System.Text.Encoding.UTF8.GetBytes(name));
        if (index == CoinTable.NotFound)
        {
            if (coin is not null) return new FileReport(path, format, 0, 0, 0, 0);
            index = builder.Coins.Add(name);
        }
        return format.IsParquet
            ? await CollectorParquetReader.ReadAsync(path, format, (ushort)index, builder, strict, log, cancel)
            : CollectorCsvReader.Read(path, format, (ushort)index, builder, strict, log, cancel);
    }

    /// <summary>Every file to read and whether the user named it (true) or it was found in a directory (false); hidden files and folders are left out.</summary>
    private static IEnumerable<(string Path, bool Named)> Expand(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                             .Where(f => !Path.GetRelativePath(path, f).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
                             .Order(StringComparer.Ordinal))
                    yield return (file, false);
            }
            else if (File.Exists(path)) yield return (path, true);
            else throw new TickDataException($"{path}: no such file or directory");
        }
    }
}
