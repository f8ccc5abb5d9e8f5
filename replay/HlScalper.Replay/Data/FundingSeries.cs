using System.Globalization;
using System.Text;

namespace HlScalper.Replay.Data;

/// <summary>
/// One coin's funding rate through time, read from the archive's daily <c>asset_ctxs/&lt;YYYYMMDD&gt;.csv.lz4</c> files
/// (plain, LZ4-frame or gzip CSV with the header <c>time,coin,funding,…,oracle_px,…</c>, about one row per coin per minute).
/// Columns are found by name; a bad row is counted and skipped, a corrupt file keeps the rows read before the
/// damage, and equal times keep the later file's row. Hyperliquid pays funding hourly at the rate in force,
/// on the position's notional at the oracle price: <see cref="TryGet"/> gives both for any time.
/// </summary>
public sealed class FundingSeries
{
    private readonly FundingPoint[] _points;

    private FundingSeries(string coin, FundingPoint[] points, long badLines)
    {
        Coin = coin;
        _points = points;
        BadLines = badLines;
    }

    public string Coin { get; }

    /// <summary>The rows, in time order, one per time.</summary>
    public IReadOnlyList<FundingPoint> Points => _points;

    /// <summary>Rows of this coin that could not be read (bad time, bad number, too few fields).</summary>
    public long BadLines { get; }

    /// <summary>The row in force at <paramref name="timeMs"/>: the last at or before it; false before the first row.</summary>
    public bool TryGet(long timeMs, out FundingPoint point)
    {
        int lo = 0, hi = _points.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_points[mid].TimeMs <= timeMs)
            {
                found = mid;
                lo = mid + 1;
            }
            else hi = mid - 1;
        }
        point = found < 0 ? default : _points[found];
        return found >= 0;
    }

    /// <param name="files">asset_ctxs files, read in this order (a later file wins a tie in time).</param>
    /// <param name="log">Problems worth a line: a file without the needed columns, a corrupt file.</param>
    public static FundingSeries Load(IEnumerable<string> files, string coin, Action<string> log, CancellationToken cancel = default)
    {
        var rows = new List<FundingPoint>();
        var bad = 0L;
        var coinBytes = Encoding.UTF8.GetBytes(coin);
        foreach (var path in files)
        {
            cancel.ThrowIfCancellationRequested();
            bad += ReadFile(path, coinBytes, rows, log, cancel);
        }
        return FromPoints(coin, rows, bad);
    }

    /// <summary>A series of the given rows (from any source: asset_ctxs files, a <c>fundingHistory</c> table), in time order; of rows with equal times the last wins.</summary>
    public static FundingSeries FromPoints(string coin, IEnumerable<FundingPoint> rows, long badLines = 0)
    {
        // Stable sort keeps the given order among equal times; the last of each run of equal times wins.
        var ordered = rows.Select((p, i) => (p, i)).OrderBy(x => x.p.TimeMs).ThenBy(x => x.i).Select(x => x.p).ToList();
        var points = new List<FundingPoint>(ordered.Count);
        foreach (var p in ordered)
        {
            if (points.Count > 0 && points[^1].TimeMs == p.TimeMs) points[^1] = p;
            else points.Add(p);
        }
        return new FundingSeries(coin, [.. points], badLines);
    }

    private static long ReadFile(string path, byte[] coin, List<FundingPoint> rows, Action<string> log, CancellationToken cancel)
    {
        long bad = 0;
        using var stream = FormatDetector.Open(path, FormatDetector.DetectCompression(path));
        var lines = new LineReader(stream, 1 << 16);
        try
        {
            if (!lines.TryReadLine(out var header) || Columns.Find(header) is not { } columns)
            {
                log($"{path}: not an asset_ctxs file (its first line lacks the time, coin and funding columns); skipped");
                return 0;
            }
            Span<Range> fields = stackalloc Range[64];
            while (lines.TryReadLine(out var line))
            {
                if ((lines.LineNumber & 0xFFF) == 0) cancel.ThrowIfCancellationRequested();
                line = line.TrimEnd("\r"u8);
                var n = Split(line, fields);
                if (n <= columns.Coin || !line[fields[columns.Coin]].SequenceEqual(coin)) continue;
                if (columns.TryRead(line, fields[..n], out var point)) rows.Add(point);
                else bad++;
            }
        }
        catch (Exception e) when (FormatDetector.IsCorruptData(e))
        {
            log($"{path}: corrupt after line {lines.LineNumber} ({e.Message}); the rows before it are kept");
        }
        return bad;
    }

    /// <summary>Cuts a CSV row (the file quotes nothing) at its commas; fields past the span's room are dropped.</summary>
    private static int Split(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        var n = 0;
        var start = 0;
        while (n < fields.Length)
        {
            var comma = line[start..].IndexOf((byte)',');
            if (comma < 0)
            {
                fields[n++] = start..line.Length;
                break;
            }
            fields[n++] = start..(start + comma);
            start += comma + 1;
        }
        return n;
    }

    /// <summary>Where the needed fields are in a file's rows, from its header.</summary>
    private sealed record Columns(int Time, int Coin, int Funding, int Oracle)
    {
        public static Columns? Find(ReadOnlySpan<byte> header)
        {
            var names = Encoding.UTF8.GetString(header.TrimEnd("\r"u8)).Split(',', StringSplitOptions.TrimEntries);
            int At(string name) => Array.IndexOf(names, name);
            var columns = new Columns(At("time"), At("coin"), At("funding"), At("oracle_px"));
            return columns.Time < 0 || columns.Coin < 0 || columns.Funding < 0 ? null : columns;
        }

        public bool TryRead(ReadOnlySpan<byte> line, ReadOnlySpan<Range> fields, out FundingPoint point)
        {
            point = default;
            if (fields.Length <= Math.Max(Time, Funding)) return false;
            if (!TryTime(line[fields[Time]], out var ms) || !TryDecimal(line[fields[Funding]], out var rate)) return false;
            var oracle = 0m;
            if (Oracle >= 0 && Oracle < fields.Length && !line[fields[Oracle]].IsEmpty && !TryDecimal(line[fields[Oracle]], out oracle)) return false;
            point = new FundingPoint(ms, rate, oracle);
            return true;
        }

        private static bool TryDecimal(ReadOnlySpan<byte> text, out decimal value) =>
            decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

        /// <summary>Both eras of the file: <c>2024-01-01T00:00:00Z</c> and <c>2025-10-24 20:00:00.000</c>, always UTC.</summary>
        private static bool TryTime(ReadOnlySpan<byte> text, out long ms)
        {
            ms = 0;
            if (text.Length is 0 or > 40) return false;
            Span<char> chars = stackalloc char[text.Length];
            for (var i = 0; i < text.Length; i++) chars[i] = (char)text[i];
            if (!DateTime.TryParse(chars, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)) return false;
            ms = new DateTimeOffset(time, TimeSpan.Zero).ToUnixTimeMilliseconds();
            return true;
        }
    }
}
