using System.Diagnostics;
using System.Globalization;

namespace HlScalper.Archive;

/// <summary>Bytes and files of a fetch, updated by its download tasks and read by the progress display.</summary>
public sealed class FetchProgress
{
    private long _totalBytes;
    private long _doneBytes;
    private int _totalFiles;
    private int _doneFiles;
    private long _started;

    /// <summary>Sets what is left to download and starts the clock for rate and ETA.</summary>
    public void Start(long bytes, int files)
    {
        Interlocked.Exchange(ref _totalBytes, bytes);
        Interlocked.Exchange(ref _totalFiles, files);
        Interlocked.Exchange(ref _started, Stopwatch.GetTimestamp());
    }

    /// <summary>More to download than planned (a corrupt file downloaded again).</summary>
    public void AddTotal(long bytes) => Interlocked.Add(ref _totalBytes, bytes);

    public void AddBytes(long bytes) => Interlocked.Add(ref _doneBytes, bytes);

    public void FileDone() => Interlocked.Increment(ref _doneFiles);

    public long DoneBytes => Interlocked.Read(ref _doneBytes);

    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    public int TotalFiles => Volatile.Read(ref _totalFiles);

    public bool Started => Interlocked.Read(ref _started) != 0;

    public TimeSpan Elapsed => Started ? Stopwatch.GetElapsedTime(Interlocked.Read(ref _started)) : TimeSpan.Zero;

    /// <summary>"3/48 files, 1.2 MB of 14.8 MB, 9.6 MB/s, ETA 1.4 s".</summary>
    public string Describe() => Describe(Volatile.Read(ref _doneFiles), Volatile.Read(ref _totalFiles), DoneBytes, TotalBytes, Elapsed);

    /// <summary>The progress line for these figures (pure, so its arithmetic is testable).</summary>
    public static string Describe(int doneFiles, int totalFiles, long doneBytes, long totalBytes, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? doneBytes / elapsed.TotalSeconds : 0;
        var left = Math.Max(0, totalBytes - doneBytes);
        var eta = left == 0 ? "done" : rate > 0 ? $"ETA {Duration(TimeSpan.FromSeconds(left / rate))}" : "ETA unknown";
        return $"{doneFiles}/{totalFiles} files, {FormatBytes(doneBytes)} of {FormatBytes(totalBytes)}, {FormatBytes((long)rate)}/s, {eta}";
    }

    /// <summary>Decimal units, as network rates are quoted: "309.4 kB", "14.8 MB".</summary>
    public static string FormatBytes(long bytes) => bytes switch
    {
        < 1_000 => $"{bytes} B",
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e3:0.0} kB"),
        < 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.0} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:0.00} GB"),
    };

    public static string Duration(TimeSpan t) => t.TotalSeconds switch
    {
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.0} s"),
        < 3600 => $"{(int)t.TotalMinutes} min {t.Seconds:00} s",
        _ => $"{(int)t.TotalHours} h {t.Minutes:00} min",
    };
}
