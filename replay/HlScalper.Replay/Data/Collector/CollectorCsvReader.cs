using System.Buffers.Text;
using System.Text;
using HlScalper.Engine.Events;
using HlScalper.Engine.Numbers;
using HlScalper.Replay.Driver;

namespace HlScalper.Replay.Data.Collector;

/// <summary>Reads the collector's CSV tables (data README, section 4) into market events for one coin; a bad row is reported as <c>file:line</c> and skipped.</summary>
public static class CollectorCsvReader
{
    public static FileReport Read(string path, TickFormat format, ushort coin, TapeBuilder builder, bool strict, Action<string> log, CancellationToken cancel = default)
    {
        using var stream = FormatDetector.Open(path, format.Compression);
        var lines = new LineReader(stream);
        var whole = new CompleteLines(lines, path, format.Compression, strict, log);
        if (!whole.TryRead(out var headerLine)) return new FileReport(path, format, 0, 0, 0, 0);
        var header = Encoding.UTF8.GetString(headerLine.TrimEnd("\r"u8)).Split(',');
        var column = header.Select((name, i) => (name, i)).GroupBy(c => c.name).ToDictionary(g => g.Key, g => g.First().i);
        var writer = new CollectorEventWriter(builder, coin);
        var bad = new BadRows(path, strict, log);
        var rows = 0L;
        Span<Range> cells = new Range[header.Length + 1];
        while (whole.TryRead(out var line))
        {
            if ((lines.LineNumber & 0xFFF) == 0) cancel.ThrowIfCancellationRequested();
            if (lines.LastLineTooLong)
            {
                bad.Add(lines.LineNumber, $"a line of {lines.OverlongLength:N0} bytes, over the {lines.MaxLineLength:N0}-byte limit (not read)");
                continue;
            }
            line = line.TrimEnd("\r"u8);
            if (line.IsEmpty) continue;
            var count = 0;
            foreach (var cell in line.Split((byte)','))
                if (count < cells.Length) cells[count++] = cell;
                else count++;
            if (count != header.Length)
            {
                bad.Add(lines.LineNumber, $"{count} cells, the header has {header.Length}");
                continue;
            }
            var row = new Row(line, cells, column);
            var error = format.Collector switch
            {
                CollectorTable.Books => Book(row, writer),
                CollectorTable.Trades => Trade(row, writer),
                _ => Bbo(row, writer),
            };
            if (error is null) rows++;
            else bad.Add(lines.LineNumber, error);
        }
        writer.FlushBbo();
        bad.Summarise();
        return new FileReport(path, format, lines.LineNumber, rows, bad.Count, writer.Events);
    }

    private static string? Book(Row row, CollectorEventWriter writer)
    {
        if (!row.Long("exchange_timestamp", out var time) || !row.Double("timestamp", out var local)) return "bad timestamp";
        for (var l = 0; l < CollectorColumns.Levels; l++)
        {
            if (!row.Has($"bid_price_{l}")) break;
            if (!row.Fixed($"bid_price_{l}", out var bp) || !row.Fixed($"bid_size_{l}", out var bs) || !row.Fixed($"ask_price_{l}", out var ap) || !row.Fixed($"ask_size_{l}", out var @as))
                return $"bad number at level {l}";
            writer.Level(l, bp, bs, ap, @as);
        }
        writer.Book(time, local);
        return null;
    }

    private static string? Trade(Row row, CollectorEventWriter writer)
    {
        if (!row.Long("exchange_timestamp", out var time) || !row.Double("timestamp", out var local)) return "bad timestamp";
        if (!row.Fixed("price", out var px) || !row.Fixed("size", out var sz) || px <= 0 || sz <= 0) return "bad price or size";
        if (!row.Long("trade_id", out var tid)) return "bad trade_id";
        var side = row.Text("side");
        if (!side.SequenceEqual("buy"u8) && !side.SequenceEqual("sell"u8)) return $"side '{Encoding.UTF8.GetString(side)}' is neither buy nor sell";
        writer.Trade(time, local, px, sz, side[0] == 'b' ? Side.Buy : Side.Sell, tid);
        return null;
    }

    private static string? Bbo(Row row, CollectorEventWriter writer)
    {
        if (!row.Long("exchange_timestamp", out var time) || !row.Double("timestamp", out var local)) return "bad timestamp";
        if (!row.Fixed("price", out var px) || !row.Fixed("size", out var sz) || px <= 0) return "bad price or size";
        var side = row.Text("side");
        if (!side.SequenceEqual("bid"u8) && !side.SequenceEqual("ask"u8)) return $"side '{Encoding.UTF8.GetString(side)}' is neither bid nor ask";
        writer.BboSide(time, local, side[0] == 'b', px, sz);
        return null;
    }

    /// <summary>One CSV row's cells by column name.</summary>
    private readonly ref struct Row(ReadOnlySpan<byte> line, Span<Range> cells, Dictionary<string, int> column)
    {
        private readonly ReadOnlySpan<byte> _line = line;
        private readonly Span<Range> _cells = cells;

        public bool Has(string name) => column.ContainsKey(name);

        public ReadOnlySpan<byte> Text(string name) => column.TryGetValue(name, out var i) ? _line[_cells[i]].Trim(" \""u8) : default;

        public bool Long(string name, out long value) => Utf8Parser.TryParse(Text(name), out value, out var used) && used == Text(name).Length;

        public bool Double(string name, out double value) => Utf8Parser.TryParse(Text(name), out value, out var used) && used == Text(name).Length && double.IsFinite(value);

        /// <summary>A plain decimal parsed exactly; a float in exponent form ("1e-05") through rounding.</summary>
        public bool Fixed(string name, out long raw)
        {
            if (Fixed8.TryParse(Text(name), out raw) == Fixed8Error.None) return true;
            return Double(name, out var d) && CollectorEventWriter.TryFixed8(d, out raw);
        }
    }
}
