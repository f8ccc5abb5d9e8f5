using HlScalper.Engine.Events;
using HlScalper.Protocol.Codec;
using HlScalper.Replay.Driver;
using HlScalper.Replay.Reports;
using Parquet;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
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

    /// <summary>LZ4_RAW (Parquet format 2.9; pyarrow, DuckDB and polars read it): on the real BTC recording the book table is 724 KB
    /// against Snappy's 866 KB and a load into the compact tape 9.5–9.9 ms against 10.4–15.6 (a scratch loop, 300 loads each, 2026-12-02).
    /// Tables written with Snappy before still read: the reader takes any codec the file names (tested).</summary>
    public const CompressionMethod Compression = CompressionMethod.Lz4Raw;

    private const int Levels = BookLevels.Capacity;

    /// <summary>Writes the tape's market events into <paramref name="directory"/>; returns (book rows, trade rows).</summary>
    /// <param name="compression">The pages' codec; <see cref="Compression"/> unless told.</param>
    public static async Task<(int Books, int Trades)> WriteAsync(EventTape tape, string directory, CancellationToken cancel = default, CompressionMethod compression = Compression)
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
        await BookTable(tape, books).WriteAsync(Path.Combine(directory, BooksFile), RowGroupRows, cancel, compression);
        await TradeTable(tape, trades).WriteAsync(Path.Combine(directory, TradesFile), RowGroupRows, cancel, compression);
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

    /// <summary>About what a book row takes in a compact tape: two 20-level sides at 5-byte sizes, 4-byte price steps and 1-byte counts (~204 bytes each) and the event's own fields.</summary>
    private const int BookPayloadBytes = 448;

    /// <summary>About what a trade row takes in a compact tape: time, price, size and tid as varints.</summary>
    private const int TradePayloadBytes = 40;

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
                await using var file = new BlockingReadStream(path);
                await using var reader = await CheckedParquetReader.OpenAsync(file, cancel);
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
        await using var file = new BlockingReadStream(path);
        await using var reader = await CheckedParquetReader.OpenAsync(file, cancel);
        var fields = reader.Schema.GetDataFields();
        var isBooks = fields.Any(f => f.Name == "bid_px_0");
        if (!isBooks && !fields.Any(f => f.Name == "tid"))
            throw new TickDataException($"{path}: a Parquet file, but not one of this tool's tick tables (no bid_px_0 or tid column)");
        var found = ColumnChecksums.Find(reader.CustomMetadata);
        var checksums = found?.Checksums;
        if (checksums is not null && checksums.Length != reader.RowGroupCount)
            throw new TickDataException($"{path}: corrupt Parquet metadata: checksums for {checksums.Length} row groups, the file has {reader.RowGroupCount}");
        if (checksums is null) log($"{path}: no column checksums (written before they were kept, or by another tool): values are checked row by row only");

        var rows = new RowSink(path, builder, strict, log);
        var coinIndex = new Dictionary<string, int>();
        using var columns = new TickTableColumns(path, file, fields, checksums, found?.Algorithm ?? ChecksumAlgorithm.Xxh3, cancel);
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = ParquetDamage.RowCount(path, g, group.RowCount, MaxRowGroupRows);
            columns.Start(group, g, count);
            builder.ExpectEvents(count, isBooks ? BookPayloadBytes : TradePayloadBytes);
            var time = await columns.Longs("time_ms");
            var recv = await columns.Longs("recv_ts");
            var coinOf = CoinIndexes(await columns.Strings("coin"), builder, learnCoins, coinIndex);
            var order = await SourceOrder(columns, fields, count, builder, path);
            var common = new CommonColumns(time, recv, coinOf, order);
            if (isBooks) BookRows(await BookColumns.ReadAsync(columns), common, count, rows);
            else TradeRows(await TradeColumns.ReadAsync(columns), common, count, rows);
        }
        return rows.Finish();
    }

    /// <summary>Each row's coin index in the builder's table (<see cref="CoinTable.NotFound"/> for a coin it leaves out), one lookup per distinct name.</summary>
    private static int[] CoinIndexes(string?[] coins, TapeBuilder builder, bool learnCoins, Dictionary<string, int> coinIndex)
    {
        var coinOf = new int[coins.Length];
        string? last = null;
        var lastIndex = 0;
        for (var r = 0; r < coins.Length; r++)
        {
            var name = coins[r] ?? "";
            if (!ReferenceEquals(name, last) && name != last)
            {
                if (!coinIndex.TryGetValue(name, out lastIndex))
                {
                    lastIndex = builder.Coins.Find(System.Text.Encoding.UTF8.GetBytes(name));
                    if (lastIndex == CoinTable.NotFound && learnCoins && builder.Coins.Count < ushort.MaxValue) lastIndex = builder.Coins.Add(name);
                    coinIndex[name] = lastIndex;
                }
                last = name;
            }
            coinOf[r] = lastIndex;
        }
        return coinOf;
    }

    /// <summary>Each row's place in the tape the tables were written from (books and trades of one folder interleave by it at equal times); null for tables written before the <c>seq</c> column.</summary>
    private static async Task<ArraySegment<long>?> SourceOrder(TickTableColumns columns, DataField[] fields, int rows, TapeBuilder builder, string path)
    {
        if (!fields.Any(f => f.Name == "seq")) return null;
        var seq = await columns.Longs("seq");
        var start = builder.SourceBase(Path.GetDirectoryName(Path.GetFullPath(path)) ?? "");
        for (var r = 0; r < rows; r++) seq[r] += start;
        return seq;
    }

    /// <summary>The columns every tick table has, for one row group.</summary>
    private readonly record struct CommonColumns(ArraySegment<long> Time, ArraySegment<long> Recv, int[] CoinOf, ArraySegment<long>? Order);

    /// <summary>A book table's own columns for one row group; the level columns each in one piece, level after level.</summary>
    /// <param name="Levels">Per level l, columns 4l to 4l + 3: bid price, bid size, ask price, ask size.</param>
    /// <param name="Counts">Per level l, columns 2l and 2l + 1: bid orders, ask orders.</param>
    private sealed record BookColumns(ArraySegment<byte> Kind, ArraySegment<byte> BidCount, ArraySegment<byte> AskCount, ArraySegment<long> Levels, ArraySegment<int> Counts)
    {
        private static readonly string[] LevelNames = [.. Enumerable.Range(0, TickTables.Levels).SelectMany(l => new[] { $"bid_px_{l}", $"bid_sz_{l}", $"ask_px_{l}", $"ask_sz_{l}" })];
        private static readonly string[] CountNames = [.. Enumerable.Range(0, TickTables.Levels).SelectMany(l => new[] { $"bid_n_{l}", $"ask_n_{l}" })];

        public static async Task<BookColumns> ReadAsync(TickTableColumns columns) =>
            new(await columns.Bytes("kind"), await columns.Bytes("bid_count"), await columns.Bytes("ask_count"), await columns.Longs(LevelNames), await columns.Ints(CountNames));
    }

    /// <summary>A trade table's own columns for one row group.</summary>
    private sealed record TradeColumns(ArraySegment<long> Px, ArraySegment<long> Sz, ArraySegment<byte> Side, ArraySegment<long> Tid)
    {
        public static async Task<TradeColumns> ReadAsync(TickTableColumns columns) =>
            new(await columns.Longs("px"), await columns.Longs("sz"), await columns.Bytes("side"), await columns.Longs("tid"));
    }

    /// <remarks>
    /// Optimised from its first call: a command-line load runs it once per row group, never often enough for tiered
    /// compilation to reach it. A row takes 120 values from 120 columns: each is reached by a fixed step from the row's
    /// place in one piece (<see cref="BookColumns"/>), not through 120 bounds-checked segments; the pieces' lengths are
    /// checked once, up front.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BookRows(BookColumns c, CommonColumns common, int count, RowSink rows)
    {
        if (c.Levels.Count != 4 * Levels * count || c.Counts.Count != 2 * Levels * count)
            throw new InvalidOperationException("book level columns of another length than the row group");
        ref var levels = ref MemoryMarshal.GetReference(c.Levels.AsSpan());
        ref var counts = ref MemoryMarshal.GetReference(c.Counts.AsSpan());
        var step = (nint)count;
        var ahead = count - PrefetchRows;
        for (var r = 0; r < count; r++)
        {
            if ((r & 7) == 0 && r < ahead) PrefetchRow(ref levels, ref counts, step, r + PrefetchRows);
            if (common.CoinOf[r] < 0) continue;
            if ((EventKind)c.Kind[r] is not (EventKind.Book or EventKind.Bbo) || c.BidCount[r] > Levels || c.AskCount[r] > Levels)
            {
                rows.Bad($"kind {c.Kind[r]} with {c.BidCount[r]} bids and {c.AskCount[r]} asks is no book");
                continue;
            }
            ref var e = ref rows.Next();
            e.Reset((EventKind)c.Kind[r], (ushort)common.CoinOf[r], common.Time[r]);
            e.ReceiveTimestamp = common.Recv[r];
            e.BidCount = c.BidCount[r];
            e.AskCount = c.AskCount[r];
            ref var level = ref Unsafe.Add(ref levels, r);
            ref var orders = ref Unsafe.Add(ref counts, r);
            for (var l = 0; l < Levels; l++)
            {
                var (at, n) = (4 * l * step, 2 * l * step);
                e.Bids[l] = new BookLevel(new(Unsafe.Add(ref level, at)), new(Unsafe.Add(ref level, at + step)), Unsafe.Add(ref orders, n));
                e.Asks[l] = new BookLevel(new(Unsafe.Add(ref level, at + 2 * step)), new(Unsafe.Add(ref level, at + 3 * step)), Unsafe.Add(ref orders, n + step));
            }
            rows.Commit(ref e, common.Order?[r]);
        }
    }

    /// <summary>How far ahead of the row being built <see cref="PrefetchRow"/> asks for the level columns: four cache lines of a long column.</summary>
    private const int PrefetchRows = 32;

    /// <summary>Asks for the cache lines of <paramref name="row"/> in each of the 160 level columns (every 8 rows for the long columns, every 16 for the int ones).</summary>
    /// <remarks>
    /// A row reads one value from each of 160 columns a row group apart, far more streams than the hardware prefetchers follow, so
    /// without this every eighth row waited on 160 misses in turn. Measured in one process alternating with and without
    /// (real BTC book table, 300 loads each, three runs): a load to a ready compact tape 10–15 % faster. A prefetch of an address
    /// the collector has since moved only costs a useless fetch.
    /// </remarks>
    private static unsafe void PrefetchRow(ref long levels, ref int counts, nint step, int row)
    {
        if (!Sse.IsSupported) return;
        ref var level = ref Unsafe.Add(ref levels, row);
        for (nint c = 0; c < 4 * Levels; c++) Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref level, c * step)));
        if ((row & 15) != 0) return;
        ref var orders = ref Unsafe.Add(ref counts, row);
        for (nint c = 0; c < 2 * Levels; c++) Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref orders, c * step)));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TradeRows(TradeColumns c, CommonColumns common, int count, RowSink rows)
    {
        for (var r = 0; r < count; r++)
        {
            if (common.CoinOf[r] < 0) continue;
            if ((Side)c.Side[r] is not (Side.Buy or Side.Sell))
            {
                rows.Bad($"side {c.Side[r]} is neither buy nor sell");
                continue;
            }
            ref var e = ref rows.Next();
            e.Reset(EventKind.Trade, (ushort)common.CoinOf[r], common.Time[r]);
            e.ReceiveTimestamp = common.Recv[r];
            e.Px = new(c.Px[r]);
            e.Sz = new(c.Sz[r]);
            e.Side = (Side)c.Side[r];
            e.Tid = c.Tid[r];
            rows.Commit(ref e, common.Order?[r]);
        }
    }

    /// <summary>Where rows go: each one checked like a line of a JSON file (value rules, then neighbour times) on its way into the tape.</summary>
    private sealed class RowSink(string path, TapeBuilder builder, bool strict, Action<string> log)
    {
        private readonly NeighbourTimeFilter _filter = new(builder);
        private readonly BadRows _bad = new(path, strict, log);
        private Action<long, string>? _reject;
        private readonly long _eventsBefore = builder.Count;
        private EventList.Sink _staged;
        private long _rows;

        /// <summary>The slot the next row is written into: the neighbour filter's staging, so a row is copied once, into the builder, when its neighbours let it pass.</summary>
        public ref MarketEvent Next()
        {
            _staged = _filter.Stage();
            return ref _staged.Claim();
        }

        /// <summary>The row written into <see cref="Next"/>'s slot (<paramref name="row"/>) is complete: checked, then staged (a rejected row is never published, and the next <see cref="Next"/> clears it).</summary>
        /// <param name="order">The row's place in its source tape (<c>seq</c>); null for tables written before that column.</param>
        public void Commit(ref MarketEvent row, long? order)
        {
            _rows++;
            var reason = HlEventRules.Check(ref row);
            if (reason != HlRejectReason.None)
            {
                _bad.Add(_rows, $"rejected ({reason}): {row.Kind} at time {row.ExchangeTimeMs}");
                return;
            }
            _staged.Publish();
            _filter.Commit(_rows, _reject ??= _bad.Add, order);
        }

        public void Bad(string reason) => _bad.Add(++_rows, reason);

        public FileReport Finish()
        {
            _filter.Finish(_bad.Add);
            _bad.Summarise();
            return new FileReport(path, TickFormat.Parquet, _rows, _rows - _bad.Count, _bad.Count, builder.Count - _eventsBefore);
        }
    }
}
