using System.Globalization;
using HlScalper.Engine.Events;
using HlScalper.Replay.Driver;
using Parquet;
using Parquet.Schema;

namespace HlScalper.Replay.Data.Collector;

/// <summary>Reads the collector's Parquet shards (data README, section 5: the CSV's columns with numeric types) into market events for one coin; a bad row is reported and skipped.</summary>
public static class CollectorParquetReader
{
    /// <summary>The collector table a Parquet file holds, from its schema alone (no data read); None for any other Parquet file.</summary>
    public static Task<CollectorTable> DetectAsync(string path, CancellationToken cancel = default) =>
        ParquetDamage.Guard($"{path}: corrupt Parquet file (its footer)", () => DetectCheckedAsync(path, cancel));

    /// <summary>Reads one collector table; a file Parquet.Net cannot read is an error naming the file (and the column, when one fails).</summary>
    public static Task<FileReport> ReadAsync(string path, TickFormat format, ushort coin, TapeBuilder builder, bool strict, Action<string> log, CancellationToken cancel = default) =>
        ParquetDamage.Guard($"{path}: corrupt Parquet file", () => ReadCheckedAsync(path, format, coin, builder, strict, log, cancel));

    private static async Task<CollectorTable> DetectCheckedAsync(string path, CancellationToken cancel)
    {
        if (ParquetFooterSchema.TryReadLeafNames(path) is { } names) return CollectorColumns.Classify(names);
        await using var file = new BlockingReadStream(path);
        await using var reader = await CheckedParquetReader.OpenAsync(file, cancel);
        return CollectorColumns.Classify(reader.Schema.GetDataFields().Select(f => f.Name).ToHashSet());
    }

    private static async Task<FileReport> ReadCheckedAsync(string path, TickFormat format, ushort coin, TapeBuilder builder, bool strict, Action<string> log, CancellationToken cancel)
    {
        await using var file = new BlockingReadStream(path);
        await using var reader = await CheckedParquetReader.OpenAsync(file, cancel);
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name);
        var writer = new CollectorEventWriter(builder, coin);
        var bad = new BadRows(path, strict, log);
        long rows = 0, lineBase = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            cancel.ThrowIfCancellationRequested();
            using var group = reader.OpenRowGroupReader(g);
            var count = ParquetDamage.RowCount(path, g, group.RowCount);
            var columns = new Columns(path, g, group, fields, count, cancel);
            var time = await columns.Numbers("exchange_timestamp");
            var local = await columns.Numbers("timestamp");
            for (var r = 0; r < count; r++)
            {
                if (!IsMillis(time[r]))
                {
                    bad.Add(lineBase + r + 1, "bad exchange_timestamp");
                    time[r] = double.NaN;
                }
            }
            rows += format.Collector switch
            {
                CollectorTable.Books => await Books(columns, count, time, local, writer, bad, lineBase),
                CollectorTable.Trades => await Trades(columns, count, time, local, writer, bad, lineBase),
                _ => await Bbos(columns, count, time, local, writer, bad, lineBase),
            };
            lineBase += count;
        }
        writer.FlushBbo();
        bad.Summarise();
        return new FileReport(path, format, lineBase, rows, bad.Count, writer.Events);
    }

    private static async Task<long> Books(Columns columns, int count, double[] time, double[] local, CollectorEventWriter writer, BadRows bad, long lineBase)
    {
        var levels = new List<(double[] Bp, double[] Bs, double[] Ap, double[] As)>();
        for (var l = 0; l < CollectorColumns.Levels && columns.Has($"bid_price_{l}"); l++)
            levels.Add((await columns.Numbers($"bid_price_{l}"), await columns.Numbers($"bid_size_{l}"), await columns.Numbers($"ask_price_{l}"), await columns.Numbers($"ask_size_{l}")));
        var rows = 0L;
        for (var r = 0; r < count; r++)
        {
            if (double.IsNaN(time[r])) continue;
            var ok = true;
            for (var l = 0; l < levels.Count && ok; l++)
            {
                var c = levels[l];
                ok = CollectorEventWriter.TryFixed8(c.Bp[r], out var bp) & CollectorEventWriter.TryFixed8(c.Bs[r], out var bs)
                     & CollectorEventWriter.TryFixed8(c.Ap[r], out var ap) & CollectorEventWriter.TryFixed8(c.As[r], out var @as);
                if (ok) writer.Level(l, bp, bs, ap, @as);
            }
            if (!ok)
            {
                bad.Add(lineBase + r + 1, "bad price or size");
                continue;
            }
            writer.Book((long)time[r], local[r]);
            rows++;
        }
        return rows;
    }

    private static async Task<long> Trades(Columns columns, int count, double[] time, double[] local, CollectorEventWriter writer, BadRows bad, long lineBase)
    {
        var px = await columns.Numbers("price");
        var sz = await columns.Numbers("size");
        var tid = await columns.Numbers("trade_id");
        var side = await columns.Strings("side");
        var rows = 0L;
        for (var r = 0; r < count; r++)
        {
            if (double.IsNaN(time[r])) continue;
            if (!CollectorEventWriter.TryFixed8(px[r], out var p) || !CollectorEventWriter.TryFixed8(sz[r], out var s) || p <= 0 || s <= 0 || !(tid[r] >= 0) || side[r] is not ("buy" or "sell"))
            {
                bad.Add(lineBase + r + 1, "bad price, size, trade_id or side");
                continue;
            }
            writer.Trade((long)time[r], local[r], p, s, side[r] == "buy" ? Side.Buy : Side.Sell, (long)tid[r]);
            rows++;
        }
        return rows;
    }

    private static async Task<long> Bbos(Columns columns, int count, double[] time, double[] local, CollectorEventWriter writer, BadRows bad, long lineBase)
    {
        var px = await columns.Numbers("price");
        var sz = await columns.Numbers("size");
        var side = await columns.Strings("side");
        var rows = 0L;
        for (var r = 0; r < count; r++)
        {
            if (double.IsNaN(time[r])) continue;
            if (!CollectorEventWriter.TryFixed8(px[r], out var p) || !CollectorEventWriter.TryFixed8(sz[r], out var s) || p <= 0 || side[r] is not ("bid" or "ask"))
            {
                bad.Add(lineBase + r + 1, "bad price, size or side");
                continue;
            }
            writer.BboSide((long)time[r], local[r], side[r] == "bid", p, s);
            rows++;
        }
        return rows;
    }

    private static bool IsMillis(double ms) => ms is > 0 and < 1e14;

    /// <summary>Whole columns of one row group by name, numeric whatever their stored type (the collector's writers differ), missing or null values as NaN.</summary>
    private sealed class Columns(string path, int rowGroup, ParquetRowGroupReader group, Dictionary<string, DataField> fields, int rows, CancellationToken cancel)
    {
        public bool Has(string name) => fields.ContainsKey(name);

        public async Task<double[]> Numbers(string name)
        {
            var field = Field(name);
            var type = field.ClrType;
            if (type == typeof(double)) return await Read<double>(field, v => v);
            if (type == typeof(float)) return await Read<float>(field, v => v);
            if (type == typeof(long)) return await Read<long>(field, v => v);
            if (type == typeof(int)) return await Read<int>(field, v => v);
            // Text (the collector stores trade ids as strings): parsed, NaN where it is not a number.
            return (await Strings(name)).Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN).ToArray();
        }

        public async Task<string[]> Strings(string name)
        {
            var field = Field(name);
            if (IsNumber(field.ClrType)) return (await Numbers(name)).Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray();
            var values = new string?[rows];
            await ParquetDamage.Column(path, rowGroup, name, () => group.ReadAsync(field, values.AsMemory(), cancellationToken: cancel).AsTask());
            return Array.ConvertAll(values, v => v ?? "");
        }

        private async Task<double[]> Read<T>(DataField field, Func<T, double> convert) where T : struct
        {
            if (field.IsNullable)
            {
                var nullable = new T?[rows];
                await ParquetDamage.Column(path, rowGroup, field.Name, () => group.ReadAsync<T>(field, nullable.AsMemory(), cancellationToken: cancel).AsTask());
                return Array.ConvertAll(nullable, v => v is { } x ? convert(x) : double.NaN);
            }
            var values = new T[rows];
            await ParquetDamage.Column(path, rowGroup, field.Name, () => group.ReadAsync<T>(field, values.AsMemory(), cancellationToken: cancel).AsTask());
            return Array.ConvertAll(values, v => convert(v));
        }

        private static bool IsNumber(Type type) => type == typeof(double) || type == typeof(float) || type == typeof(long) || type == typeof(int);

        private DataField Field(string name) =>
            fields.TryGetValue(name, out var field) ? field : throw new TickDataException($"{path}: collector table has no column '{name}'");
    }
}
