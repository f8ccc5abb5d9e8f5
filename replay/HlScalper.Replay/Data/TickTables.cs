using HlScalper.Engine.Events;
using HlScalper.Protocol.Codec;
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

    /// <summary>Most rows a row group may claim: eight times what <see cref="WriteAsync"/> writes, so a corrupt footer cannot make the reader allocate gigabytes.</summary>
    public const int MaxRowGroupRows = 8 * RowGroupRows;

    /// <summary>Rows in the given tick tables, from their footers (no data read), to size a tape up front.</summary>
    public static async Task<long> CountRowsAsync(IEnumerable<string> paths, CancellationToken cancel = default)
    {
        var rows = 0L;
        foreach (var path in paths)
        {
            rows += await ParquetDamage.Guard($"{path}: corrupt Parquet file (its footer)", async () =>
            {
                await using var file = File.OpenRead(path);
                await using var reader = await ParquetReader.CreateAsync(file, cancellationToken: cancel);
                var count = 0L;
                for (var g = 0; g < reader.RowGroupCount; g++)
                {
                    using var group = reader.OpenRowGroupReader(g);
                    count += group.RowCount;
                }
                return count;
            });
        }
        return rows;
    }

    /// <summary>Reads one tick table (books or trades, told apart by their columns) into <paramref name="builder"/>, keeping coins the builder's table knows (all coins when <paramref name="learnCoins"/>).</summary>
    /// <remarks>
    /// A file this tool wrote carries a checksum per column and row group (<see cref="ColumnChecksums"/>): a mismatch
    /// is an error naming the file, row group and column, never silently wrong numbers. A file Parquet.Net cannot
    /// parse is an error naming the file (and the column, when a column fails). Every row is then held to the codec's
    /// value rules (<see cref="HlEventRules"/>) and to its neighbours' times, like a line of a JSON file: a bad row
    /// is reported and skipped (or, when <paramref name="strict"/>, an error).
    /// </remarks>
    public static Task<FileReport> ReadAsync(string path, TapeBuilder builder, bool learnCoins, bool strict = false, Action<string>? log = null, CancellationToken cancel = default) =>
        ParquetDamage.Guard($"{path}: corrupt Parquet file", () => ReadCheckedAsync(path, builder, learnCoins, strict, log ?? (_ => { }), cancel));

    private static async Task<FileReport> ReadCheckedAsync(string path, TapeBuilder builder, bool learnCoins, bool strict, Action<string> log, CancellationToken cancel)
    {
        await using var file = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(file, cancellationToken: cancel);
        var fields = reader.Schema.GetDataFields();
        var isBooks = fields.Any(f => f.Name == "bid_px_0");
        if (!isBooks && !fields.Any(f => f.Name == "tid"))
            throw new TickDataException($"{path}: a Parquet file, but not one of this tool's tick tables (no bid_px_0 or tid column)");
        var checksums = reader.CustomMetadata.TryGetValue(ColumnChecksums.MetadataKey, out var text) ? ColumnChecksums.Decode(text) : null;
        if (checksums is not null && checksums.Length != reader.RowGroupCount)
            throw new TickDataException($"{path}: corrupt Parquet metadata: checksums for {checksums.Length} row groups, the file has {reader.RowGroupCount}");
        if (checksums is null) log($"{path}: no column checksums (written before they were kept, or by another tool): values are checked row by row only");

        var rows = new RowSink(path, builder, strict, log);
        var coinIndex = new Dictionary<string, int>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = ParquetDamage.RowCount(path, g, group.RowCount, MaxRowGroupRows);
            var columns = new ColumnReader(path, g, group, fields, count, checksums?[g], cancel);
            var time = await columns.Longs("time_ms");
            var recv = await columns.Longs("recv_ts");
            var coins = await columns.Strings("coin");
            var order = await SourceOrder(columns, fields, count, builder, path);
            var coinOf = new int[count];
            for (var r = 0; r < count; r++)
            {
                var name = coins[r] ?? "";
                if (!coinIndex.TryGetValue(name, out var index))
                {
                    index = builder.Coins.Find(System.Text.Encoding.UTF8.GetBytes(name));
                    if (index == CoinTable.NotFound && learnCoins && builder.Coins.Count < ushort.MaxValue) index = builder.Coins.Add(name);
                    coinIndex[name] = index;
                }
                coinOf[r] = index;
            }
            if (isBooks) await ReadBooks(columns, count, time, recv, coinOf, order, rows);
            else await ReadTrades(columns, count, time, recv, coinOf, order, rows);
        }
        return rows.Finish();
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

    private static async Task ReadBooks(ColumnReader columns, int count, long[] time, long[] recv, int[] coinOf, long[]? order, RowSink rows)
    {
        var kind = await columns.Bytes("kind");
        var bidCount = await columns.Bytes("bid_count");
        var askCount = await columns.Bytes("ask_count");
        var levels = new (long[] Bp, long[] Bs, int[] Bn, long[] Ap, long[] As, int[] An)[Levels];
        for (var l = 0; l < Levels; l++)
            levels[l] = (await columns.Longs($"bid_px_{l}"), await columns.Longs($"bid_sz_{l}"), await columns.Ints($"bid_n_{l}"),
                await columns.Longs($"ask_px_{l}"), await columns.Longs($"ask_sz_{l}"), await columns.Ints($"ask_n_{l}"));
        for (var r = 0; r < count; r++)
        {
            if (coinOf[r] < 0) continue;
            if ((EventKind)kind[r] is not (EventKind.Book or EventKind.Bbo) || bidCount[r] > Levels || askCount[r] > Levels)
            {
                rows.Bad($"kind {kind[r]} with {bidCount[r]} bids and {askCount[r]} asks is no book");
                continue;
            }
            ref var e = ref rows.Next();
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
            rows.Commit(order?[r]);
        }
    }

    private static async Task ReadTrades(ColumnReader columns, int count, long[] time, long[] recv, int[] coinOf, long[]? order, RowSink rows)
    {
        var px = await columns.Longs("px");
        var sz = await columns.Longs("sz");
        var side = await columns.Bytes("side");
        var tid = await columns.Longs("tid");
        for (var r = 0; r < count; r++)
        {
            if (coinOf[r] < 0) continue;
            if ((Side)side[r] is not (Side.Buy or Side.Sell))
            {
                rows.Bad($"side {side[r]} is neither buy nor sell");
                continue;
            }
            ref var e = ref rows.Next();
            e.Reset(EventKind.Trade, (ushort)coinOf[r], time[r]);
            e.ReceiveTimestamp = recv[r];
            e.Px = new(px[r]);
            e.Sz = new(sz[r]);
            e.Side = (Side)side[r];
            e.Tid = tid[r];
            rows.Commit(order?[r]);
        }
    }

    /// <summary>Where rows go: each one checked like a line of a JSON file (value rules, then neighbour times) on its way into the tape.</summary>
    private sealed class RowSink(string path, TapeBuilder builder, bool strict, Action<string> log)
    {
        private readonly NeighbourTimeFilter _filter = new(builder);
        private readonly BadRows _bad = new(path, strict, log);
        private readonly long _eventsBefore = builder.Count;
        private MarketEvent _row;
        private long _rows;

        /// <summary>The slot the next row is written into.</summary>
        public ref MarketEvent Next() => ref _row;

        /// <param name="order">The row's place in its source tape (<c>seq</c>); null for tables written before that column.</param>
        public void Commit(long? order)
        {
            _rows++;
            var reason = HlEventRules.Check(ref _row);
            if (reason != HlRejectReason.None)
            {
                _bad.Add(_rows, $"rejected ({reason}): {_row.Kind} at time {_row.ExchangeTimeMs}");
                return;
            }
            var staged = _filter.Stage();
            staged.Claim() = _row;
            staged.Publish();
            _filter.Commit(_rows, _bad.Add, order);
        }

        public void Bad(string reason) => _bad.Add(++_rows, reason);

        public FileReport Finish()
        {
            _filter.Finish(_bad.Add);
            _bad.Summarise();
            return new FileReport(path, TickFormat.Parquet, _rows, _rows - _bad.Count, _bad.Count, builder.Count - _eventsBefore);
        }
    }

    /// <summary>Reads whole columns of one row group by name, each held to its stored checksum when the file has them.</summary>
    private sealed class ColumnReader(string path, int rowGroup, ParquetRowGroupReader group, DataField[] fields, int rows, ulong[]? checksums, CancellationToken cancel)
    {
        public Task<long[]> Longs(string name) => Read<long>(name);

        public Task<int[]> Ints(string name) => Read<int>(name);

        public Task<byte[]> Bytes(string name) => Read<byte>(name);

        public async Task<string?[]> Strings(string name)
        {
            var (field, index) = Field(name);
            var values = new string?[rows];
            await ParquetDamage.Column(path, rowGroup, name, () => group.ReadAsync(field, values.AsMemory(), cancellationToken: cancel).AsTask());
            Verify(name, index, ColumnChecksums.Of(values));
            return values;
        }

        private async Task<T[]> Read<T>(string name) where T : unmanaged
        {
            var (field, index) = Field(name);
            var values = new T[rows];
            await ParquetDamage.Column(path, rowGroup, name, () => group.ReadAsync<T>(field, values.AsMemory(), cancellationToken: cancel).AsTask());
            Verify(name, index, ColumnChecksums.Of<T>(values));
            return values;
        }

        private void Verify(string name, int index, ulong actual)
        {
            if (checksums is null) return;
            if (index >= checksums.Length || checksums[index] != actual)
                throw new TickDataException($"{path}: corrupt Parquet data in row group {rowGroup}, column '{name}': the values do not match the checksum the writer stored");
        }

        private (DataField Field, int Index) Field(string name)
        {
            var index = Array.FindIndex(fields, f => f.Name == name);
            return index >= 0 ? (fields[index], index) : throw new TickDataException($"{path}: tick table has no column '{name}'");
        }
    }
}
