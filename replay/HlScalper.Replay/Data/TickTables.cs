using HlScalper.Engine.Events;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Reports;
using Parquet;
using Parquet.Schema;

namespace HlScalper.Replay.Data;

/// <summary>The project's Parquet tick tables: <c>books.parquet</c> (l2Book snapshots and BBOs, one column per level field) and <c>trades.parquet</c>.</summary>
/// <remarks>
/// Prices and sizes are the raw fixed-point longs of the events (exact, no float round trip). Row groups
/// hold <see cref="RowGroupRows"/> rows: large enough that a replay reads long contiguous column runs, small
/// enough that a group's columns stay a few tens of MB in memory.
/// </remarks>
public static class TickTables
{
    public const string BooksFile = "books.parquet";
    public const string TradesFile = "trades.parquet";
    public const int RowGroupRows = 16_384;

    private const int Levels = BookLevels.Capacity;

    /// <summary>Writes the tape's market events into <paramref name="directory"/>; returns (book rows, trade rows).</summary>
    public static async Task<(int Books, int Trades)> WriteAsync(EventTape tape, string directory, CancellationToken cancel = default)
    {
        Directory.CreateDirectory(directory);
        var books = new List<int>();
        var trades = new List<int>();
        for (var i = 0; i < tape.Count; i++)
        {
            var kind = tape.Events[i].Kind;
            if (kind is EventKind.Book or EventKind.Bbo) books.Add(i);
            else if (kind == EventKind.Trade) trades.Add(i);
        }
        await BookTable(tape, books).WriteAsync(Path.Combine(directory, BooksFile), RowGroupRows, cancel);
        await TradeTable(tape, trades).WriteAsync(Path.Combine(directory, TradesFile), RowGroupRows, cancel);
        return (books.Count, trades.Count);
    }

    private static ParquetTable BookTable(EventTape tape, List<int> rows)
    {
        var e = tape.Events;
        var table = Common(tape, rows)
            .Add("kind", rows.Select(i => (byte)e[i].Kind).ToArray())
            .Add("bid_count", rows.Select(i => e[i].BidCount).ToArray())
            .Add("ask_count", rows.Select(i => e[i].AskCount).ToArray());
        for (var level = 0; level < Levels; level++)
        {
            var l = level;
            table.Add($"bid_px_{l}", rows.Select(i => e[i].Bids[l].Px.Raw).ToArray())
                .Add($"bid_sz_{l}", rows.Select(i => e[i].Bids[l].Sz.Raw).ToArray())
                .Add($"bid_n_{l}", rows.Select(i => e[i].Bids[l].Count).ToArray())
                .Add($"ask_px_{l}", rows.Select(i => e[i].Asks[l].Px.Raw).ToArray())
                .Add($"ask_sz_{l}", rows.Select(i => e[i].Asks[l].Sz.Raw).ToArray())
                .Add($"ask_n_{l}", rows.Select(i => e[i].Asks[l].Count).ToArray());
        }
        return table;
    }

    private static ParquetTable TradeTable(EventTape tape, List<int> rows)
    {
        var e = tape.Events;
        return Common(tape, rows)
            .Add("px", rows.Select(i => e[i].Px.Raw).ToArray())
            .Add("sz", rows.Select(i => e[i].Sz.Raw).ToArray())
            .Add("side", rows.Select(i => (byte)e[i].Side).ToArray())
            .Add("tid", rows.Select(i => e[i].Tid).ToArray());
    }

    private static ParquetTable Common(EventTape tape, List<int> rows) => new ParquetTable()
        .Add("time_ms", rows.Select(i => tape.Events[i].ExchangeTimeMs).ToArray())
        .Add("seq", rows.Select(i => (long)i).ToArray())
        .Add("recv_ts", rows.Select(i => tape.Events[i].ReceiveTimestamp).ToArray())
        .Add("coin", rows.Select(i => tape.Coins.NameOf(tape.Events[i].Coin)).ToArray());

    /// <summary>Rows in the given tick tables, from their footers (no data read), to size a tape up front.</summary>
    public static async Task<long> CountRowsAsync(IEnumerable<string> paths, CancellationToken cancel = default)
    {
        var rows = 0L;
        foreach (var path in paths)
        {
            await using var file = File.OpenRead(path);
            await using var reader = await ParquetReader.CreateAsync(file, cancellationToken: cancel);
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                rows += group.RowCount;
            }
        }
        return rows;
    }

    /// <summary>Reads one tick table (books or trades, told apart by their columns) into <paramref name="builder"/>, keeping coins the builder's table knows (all coins when <paramref name="learnCoins"/>).</summary>
    public static async Task<long> ReadAsync(string path, TapeBuilder builder, bool learnCoins, CancellationToken cancel = default)
    {
        await using var file = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(file, cancellationToken: cancel);
        var fields = reader.Schema.GetDataFields();
        var isBooks = fields.Any(f => f.Name == "bid_px_0");
        if (!isBooks && !fields.Any(f => f.Name == "tid"))
            throw new TickDataException($"{path}: a Parquet file, but not one of this tool's tick tables (no bid_px_0 or tid column)");
        var written = 0L;
        var coinIndex = new Dictionary<string, int>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var rows = (int)group.RowCount;
            var columns = new ColumnReader(group, fields, rows, cancel);
            var time = await columns.Longs("time_ms");
            var recv = await columns.Longs("recv_ts");
            var coins = await columns.Strings("coin");
            var order = await SourceOrder(columns, fields, rows, builder, path);
            var coinOf = new int[rows];
            for (var r = 0; r < rows; r++)
            {
                var name = coins[r];
                if (!coinIndex.TryGetValue(name, out var index))
                {
                    index = builder.Coins.Find(System.Text.Encoding.UTF8.GetBytes(name));
                    if (index == CoinTable.NotFound && learnCoins) index = builder.Coins.Add(name);
                    coinIndex[name] = index;
                }
                coinOf[r] = index;
            }
            written += isBooks
                ? await ReadBooks(columns, rows, time, recv, coinOf, order, builder)
                : await ReadTrades(columns, rows, time, recv, coinOf, order, builder);
        }
        return written;
    }

    /// <summary>Each row's place in the tape the tables were written from (books and trades of one folder interleave by it at equal times); null for tables written before the <c>seq</c> column.</summary>
    private static async Task<long[]?> SourceOrder(ColumnReader columns, DataField[] fields, int rows, TapeBuilder builder, string path)
    {
        if (!fields.Any(f => f.Name == "seq")) return null;
        var seq = await columns.Longs("seq");
        var start = builder.SourceBase(Path.GetDirectoryName(Path.GetFullPath(path)) ?? "");
        for (var r = 0; r < rows; r++) seq[r] += start;
        return seq;
    }

    private static void Publish(TapeBuilder builder, long[]? order, int row)
    {
        if (order is null) builder.PublishSlot();
        else builder.PublishSlot(order[row]);
    }

    private static async Task<long> ReadBooks(ColumnReader columns, int rows, long[] time, long[] recv, int[] coinOf, long[]? order, TapeBuilder builder)
    {
        var kind = await columns.Bytes("kind");
        var bidCount = await columns.Bytes("bid_count");
        var askCount = await columns.Bytes("ask_count");
        var levels = new (long[] Bp, long[] Bs, int[] Bn, long[] Ap, long[] As, int[] An)[Levels];
        for (var l = 0; l < Levels; l++)
            levels[l] = (await columns.Longs($"bid_px_{l}"), await columns.Longs($"bid_sz_{l}"), await columns.Ints($"bid_n_{l}"),
                await columns.Longs($"ask_px_{l}"), await columns.Longs($"ask_sz_{l}"), await columns.Ints($"ask_n_{l}"));
        var sink = builder.Sink;
        var written = 0L;
        for (var r = 0; r < rows; r++)
        {
            if (coinOf[r] < 0) continue;
            ref var e = ref sink.Claim();
            e.Reset((EventKind)kind[r], (ushort)coinOf[r], time[r]);
            e.ReceiveTimestamp = recv[r];
            e.BidCount = bidCount[r];
            e.AskCount = askCount[r];
            for (var l = 0; l < Levels; l++)
            {
                var c = levels[l];
                e.Bids[l] = new BookLevel(new(c.Bp[r]), new(c.Bs[r]), c.Bn[r]);
                e.Asks[l] = new BookLevel(new(c.Ap[r]), new(c.As[r]), c.An[r]);
            }
            Publish(builder, order, r);
            written++;
        }
        return written;
    }

    private static async Task<long> ReadTrades(ColumnReader columns, int rows, long[] time, long[] recv, int[] coinOf, long[]? order, TapeBuilder builder)
    {
        var px = await columns.Longs("px");
        var sz = await columns.Longs("sz");
        var side = await columns.Bytes("side");
        var tid = await columns.Longs("tid");
        var sink = builder.Sink;
        var written = 0L;
        for (var r = 0; r < rows; r++)
        {
            if (coinOf[r] < 0) continue;
            ref var e = ref sink.Claim();
            e.Reset(EventKind.Trade, (ushort)coinOf[r], time[r]);
            e.ReceiveTimestamp = recv[r];
            e.Px = new(px[r]);
            e.Sz = new(sz[r]);
            e.Side = (Side)side[r];
            e.Tid = tid[r];
            Publish(builder, order, r);
            written++;
        }
        return written;
    }

    /// <summary>Reads whole columns of one row group by name.</summary>
    private sealed class ColumnReader(ParquetRowGroupReader group, DataField[] fields, int rows, CancellationToken cancel)
    {
        public Task<long[]> Longs(string name) => Read<long>(name);

        public Task<int[]> Ints(string name) => Read<int>(name);

        public Task<byte[]> Bytes(string name) => Read<byte>(name);

        public async Task<string[]> Strings(string name)
        {
            var values = new string?[rows];
            await group.ReadAsync(Field(name), values.AsMemory(), cancellationToken: cancel);
            return Array.ConvertAll(values, v => v ?? "");
        }

        private async Task<T[]> Read<T>(string name) where T : struct
        {
            var values = new T[rows];
            await group.ReadAsync<T>(Field(name), values.AsMemory(), cancellationToken: cancel);
            return values;
        }

        private DataField Field(string name) =>
            fields.FirstOrDefault(f => f.Name == name) ?? throw new TickDataException($"tick table has no column '{name}'");
    }
}
