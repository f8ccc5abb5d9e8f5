using System.Buffers;
using System.IO.Hashing;
using HlScalper.Engine.Events;
using HlScalper.Replay.Driver;

namespace HlScalper.Replay.Data.Compact;

/// <summary>Where compact tape files live: one per input (a file, or the tick tables of one folder), named by a hash of its bytes and the settings that shape its events, so each input is decoded once.</summary>
/// <remarks>
/// A cache file is checked block by block before use; a damaged or cut one is reported, deleted and rebuilt, never
/// trusted. New files are written under a temporary name and renamed, so a crash or a second process never leaves a
/// half-written file under a real name. Without a directory (<see cref="InMemory"/>) the compact bytes stay in memory.
/// </remarks>
public sealed class TapeCache(string? directory)
{
    /// <summary>The environment variable that moves the cache (a directory, or <c>off</c>).</summary>
    public const string EnvironmentVariable = "HLSCALPER_TAPE_CACHE";

    public static TapeCache InMemory { get; } = new(null);

    /// <summary>The cache directory; null keeps compact tapes in memory.</summary>
    public string? Directory { get; } = directory;

    /// <summary>The user's cache: <c>$HLSCALPER_TAPE_CACHE</c>, else <c>$XDG_CACHE_HOME/hlscalper/tapes</c>, else <c>~/.cache/hlscalper/tapes</c> (the local application data folder on Windows).</summary>
    public static string? DefaultDirectory()
    {
        var set = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(set)) return set.Equals("off", StringComparison.OrdinalIgnoreCase) ? null : set;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrWhiteSpace(xdg) ? xdg
            : OperatingSystem.IsWindows() ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "hlscalper", "tapes");
    }

    /// <summary>Deletes every tape file of the cache; returns how many.</summary>
    public int Clear()
    {
        if (Directory is null || !System.IO.Directory.Exists(Directory)) return 0;
        var n = 0;
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.tape*"))
        {
            File.Delete(file);
            n++;
        }
        return n;
    }

    /// <summary>The compact tape of <paramref name="paths"/> (one file, or tables written from one tape): from the cache when a sound file is there, else built by <paramref name="read"/> (which fills a compact builder and says what it read).</summary>
    internal async Task<TapeSegment> GetAsync(IReadOnlyList<string> paths, TickFormat format, bool strict, string? coinOfUnnamedFiles, Action<string> log,
        Func<TapeBuilder, Action<string>, Task<FileReport>> read, CancellationToken cancel)
    {
        string? file = null;
        if (Directory is not null)
        {
            file = Path.Combine(Directory, await KeyAsync(paths, format, strict, coinOfUnnamedFiles, cancel) + ".tape");
            if (Found(file, log) is { } header)
            {
                foreach (var line in header.Log) log(line);
                return new TapeSegment(paths[0], header, file, null);
            }
        }
        var said = new List<string>();
        var builder = TapeBuilder.Compact(new CoinTable());
        using var staging = builder.Staging!;
        var report = await read(builder, line =>
        {
            if (said.Count < 1000) said.Add(line);
            log(line);
        });
        var made = HeaderOf(builder, report, said);
        if (file is null) return TapeSegment.InMemory(paths[0], made, staging);
        System.IO.Directory.CreateDirectory(Directory!);
        var temporary = $"{file}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                staging.WriteTo(stream, made);
            File.Move(temporary, file, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
        return new TapeSegment(paths[0], made, file, null);
    }

    /// <summary>The header of the tape a compact builder holds, after <paramref name="report"/>'s read.</summary>
    internal static TapeFileHeader HeaderOf(TapeBuilder builder, FileReport report, IReadOnlyList<string> log)
    {
        var (counts, first, last) = builder.Staging!.ByCoin(builder.Coins.Count);
        var duplicates = new long[builder.Coins.Count];
        foreach (var (coin, n) in builder.DuplicatesByCoin) duplicates[coin] = n;
        return new TapeFileHeader([.. Enumerable.Range(0, builder.Coins.Count).Select(c => builder.Coins.NameOf((ushort)c))], counts, duplicates, first, last,
            builder.NonMarketEvents, builder.SourceOrdered, builder.NextOrder, report.Lines, report.Messages, report.BadLines, log);
    }

    /// <summary>The header of a sound cache file; null when there is none, or it was damaged (then it is deleted and reported).</summary>
    private static TapeFileHeader? Found(string file, Action<string> log)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            return TapeFile.Verify(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (TickDataException e)
        {
            log($"tape cache: {file}: {e.Message}; rebuilding it");
            File.Delete(file);
            return null;
        }
    }

    /// <summary>A hash of the files' bytes and of everything that changes the events read from them: format, strictness, tape version, the file names of a group of tables, and for collector tables the file's name (it names the coin) and the coin given for unnamed ones.</summary>
    private static async Task<string> KeyAsync(IReadOnlyList<string> paths, TickFormat format, bool strict, string? coinOfUnnamedFiles, CancellationToken cancel)
    {
        var hash = new XxHash128();
        // Blocking reads in 64 KB pieces: the asynchronous append went through the thread pool for every 4 KB it read. A piece
        // under the large-object threshold, so a load that finds its tape in the cache allocates nothing that forces a gen-2 collection.
        var piece = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            foreach (var path in paths)
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                for (int n; (n = stream.Read(piece)) > 0;)
                {
                    cancel.ThrowIfCancellationRequested();
                    hash.Append(piece.AsSpan(0, n));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(piece);
        }
        var settings = $"v{TapeFile.Version}|{format}|strict={strict}"
                       + (paths.Count > 1 ? $"|{string.Join('|', paths.Select(Path.GetFileName))}" : "")
                       + (format.Collector != Collector.CollectorTable.None ? $"|{Path.GetFileName(paths[0])}|{coinOfUnnamedFiles}" : "");
        hash.Append(System.Text.Encoding.UTF8.GetBytes(settings));
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }
}
