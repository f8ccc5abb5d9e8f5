using System.Globalization;
using System.Text;

namespace HlScalper.Replay.Exchange;

/// <summary>
/// Order latencies recorded live (<c>live --latency-file</c>: a CSV with <c>send_us</c>, <c>exchange_ms</c> and <c>ack_us</c>
/// columns, one row per order), as the simulated exchange's entry and response latency samples.
/// </summary>
/// <remarks>
/// Entry = exchange time − send time, response = ack time − exchange time, rounded to whole ms (the simulation's unit). The
/// two clocks differ by whatever skew the live run did not correct, so a negative part is counted in <see cref="Clamped"/> and
/// taken as 0. Hostile files are read like any other: a bad line is counted and skipped, lines longer than
/// <see cref="MaxLineChars"/> and rows beyond <see cref="MaxRows"/> are not kept, and nothing but a missing file or header throws.
/// </remarks>
public sealed class RecordedLatencies
{
    public const int MaxLineChars = 4096;

    public const int MaxRows = 1_000_000;

    /// <summary>A part above this (an hour) is a broken row, not a latency.</summary>
    public const long MaxMs = 3_600_000;

    private RecordedLatencies(string path, long[] entry, long[] response, int badLines, int firstBadLine, int clamped, bool truncated) =>
        (Path, EntryMs, ResponseMs, BadLines, FirstBadLine, Clamped, Truncated) = (path, entry, response, badLines, firstBadLine, clamped, truncated);

    public string Path { get; }

    /// <summary>Per order, in file order: the send → exchange part, ms.</summary>
    public long[] EntryMs { get; }

    /// <summary>Per order, in file order: the exchange → ack part, ms.</summary>
    public long[] ResponseMs { get; }

    public int BadLines { get; }

    /// <summary>The 1-based line number of the first bad line; 0 when there is none.</summary>
    public int FirstBadLine { get; }

    /// <summary>Rows with a negative part (clock skew), taken as 0.</summary>
    public int Clamped { get; }

    /// <summary>Whether rows beyond <see cref="MaxRows"/> were left out.</summary>
    public bool Truncated { get; }

    /// <summary>One line: how many orders, and the median and range of each part.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"recorded in {System.IO.Path.GetFileName(Path)} ({EntryMs.Length} orders: entry p50 {Median(EntryMs)} ms [{EntryMs.Min()}, {EntryMs.Max()}], response p50 {Median(ResponseMs)} ms [{ResponseMs.Min()}, {ResponseMs.Max()}])");

    /// <exception cref="InvalidDataException">No header with send_us, exchange_ms and ack_us, or no usable row; the message says which.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static RecordedLatencies Load(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
        return Read(reader, path);
    }

    /// <inheritdoc cref="Load"/>
    public static RecordedLatencies Read(TextReader reader, string path)
    {
        var line = new StringBuilder();
        var lineNumber = 0;
        int send = -1, exchange = -1, ack = -1, columns = 0;
        var entry = new List<long>();
        var response = new List<long>();
        int bad = 0, firstBad = 0, clamped = 0;
        var truncated = false;
        while (NextLine(reader, line, out var tooLong))
        {
            lineNumber++;
            var text = line.ToString().TrimEnd('\r');
            if (send < 0)
            {
                var names = text.Split(',');
                (send, exchange, ack, columns) = (Array.IndexOf(names, "send_us"), Array.IndexOf(names, "exchange_ms"), Array.IndexOf(names, "ack_us"), names.Length);
                if (send < 0 || exchange < 0 || ack < 0)
                    throw new InvalidDataException($"{path}: line {lineNumber} is no latency header (send_us, exchange_ms, ack_us columns): not a 'live --latency-file' file");
                continue;
            }
            if (text.Length == 0) continue;
            if (entry.Count == MaxRows)
            {
                truncated = true;
                break;
            }
            var cells = text.Split(',');
            if (tooLong || cells.Length != columns || !Whole(cells[send], out var sendUs) || !Whole(cells[exchange], out var exchangeMs) || !Whole(cells[ack], out var ackUs)
                || Math.Abs(exchangeMs) > MaxExchangeMs)
            {
                if (bad++ == 0) firstBad = lineNumber;
                continue;
            }
            var entryMs = RoundMs(exchangeMs * 1000 - sendUs);
            var responseMs = RoundMs(ackUs - exchangeMs * 1000);
            if (entryMs > MaxMs || responseMs > MaxMs || entryMs < -MaxMs || responseMs < -MaxMs)
            {
                if (bad++ == 0) firstBad = lineNumber;
                continue;
            }
            if (entryMs < 0 || responseMs < 0) clamped++;
            entry.Add(Math.Max(0, entryMs));
            response.Add(Math.Max(0, responseMs));
        }
        if (send < 0) throw new InvalidDataException($"{path}: empty: not a 'live --latency-file' file");
        if (entry.Count == 0) throw new InvalidDataException($"{path}: no usable latency row ({bad} bad line(s){(firstBad > 0 ? $", the first at line {firstBad}" : "")})");
        return new RecordedLatencies(path, [.. entry], [.. response], bad, firstBad, clamped, truncated);
    }

    /// <summary>Reads up to the next newline; a line longer than <see cref="MaxLineChars"/> is consumed but not kept (<paramref name="tooLong"/>).</summary>
    private static bool NextLine(TextReader reader, StringBuilder line, out bool tooLong)
    {
        line.Clear();
        tooLong = false;
        int c;
        var any = false;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            if (c == '\n') return true;
            if (line.Length < MaxLineChars) line.Append((char)c);
            else tooLong = true;
        }
        return any;
    }

    /// <summary>Bounds that keep the µs arithmetic far from overflow: times up to the year 33,000.</summary>
    private const long MaxExchangeMs = 1_000_000_000_000_000, MaxUs = 1_000_000_000_000_000_000;

    private static bool Whole(string text, out long value) => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value is > -MaxUs and < MaxUs;

    /// <summary>µs (possibly huge or negative for a broken row) to the nearest ms, half away from zero.</summary>
    private static long RoundMs(long us) => (long)Math.Round(us / 1000.0, MidpointRounding.AwayFromZero);

    private static long Median(long[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
