using HlScalper.Replay.Data;
using HlScalper.Replay.Metrics;
using HlScalper.Replay.Reports;
using Parquet;
using Parquet.Schema;

namespace HlScalper.Replay.Sweep;

/// <summary>
/// The Parquet parts a sharded sweep writes (<c>sweep-part-I-of-N.parquet</c>) and their merge into the ranked table the
/// unsharded sweep writes. Each part holds its rows (combination, input, summary, equity shape) and, on every row, the grid,
/// the shard and the run's fingerprint (data, fixed settings, exchange), so a merge refuses parts of different sweeps.
/// A <c>--per-input</c> sweep's rows are (combination, input) pairs; the merge joins each combination's inputs.
/// </summary>
public static class SweepParts
{
    private static readonly string[] DoubleColumns =
        ["net_pnl_usd", "gross_pnl_usd", "fees_usd", "maker_fees_usd", "funding_usd", "sharpe", "hit_rate", "mean_hold_s", "max_drawdown_usd", "filled_notional_usd", "maker_notional_usd", "fill_ratio",
            "equity_change_sum", "equity_change_squares"];

    private static readonly string[] LongColumns = ["trades", "entry_orders", "orders_placed", "orders_filled", "fills", "maker_fills", "taker_fills", "cancels", "rejects",
        "equity_changes", "equity_end_raw", "equity_low_raw", "equity_high_raw", "equity_drawdown_raw"];

    /// <summary>The rows one shard ran; <paramref name="fingerprint"/> names everything besides the grid that decides a row (the inputs among it).</summary>
    /// <param name="inputs">Inputs of a <c>--per-input</c> sweep (rows carry theirs); 1 when they were merged.</param>
    public static Task WritePartAsync(string path, string gridText, SweepShard shard, string fingerprint, IReadOnlyList<SweepRow> rows, int inputs = 1, CancellationToken cancel = default)
    {
        var ordered = rows.OrderBy(r => r.Combination).ThenBy(r => r.Input).ToList();
        var table = new ParquetTable()
            .Add("combination", ordered.Select(r => r.Combination).ToArray())
            .Add("input", ordered.Select(r => r.Input).ToArray())
            .Add("inputs", ordered.Select(_ => inputs).ToArray())
            .Add("shard", ordered.Select(_ => shard.Index).ToArray())
            .Add("shards", ordered.Select(_ => shard.Count).ToArray())
            .Add("grid", ordered.Select(_ => gridText).ToArray())
            .Add("fingerprint", ordered.Select(_ => fingerprint).ToArray());
        ResultFiles.SummaryTable(ordered.Select(r => r.Summary).ToList(), table);
        table.Add("equity_changes", ordered.Select(r => r.Shape.Changes).ToArray())
            .Add("equity_change_sum", ordered.Select(r => r.Shape.ChangeSum).ToArray())
            .Add("equity_change_squares", ordered.Select(r => r.Shape.ChangeSquares).ToArray())
            .Add("equity_end_raw", ordered.Select(r => r.Shape.EndRaw).ToArray())
            .Add("equity_low_raw", ordered.Select(r => r.Shape.LowRaw).ToArray())
            .Add("equity_high_raw", ordered.Select(r => r.Shape.HighRaw).ToArray())
            .Add("equity_drawdown_raw", ordered.Select(r => r.Shape.DrawdownRaw).ToArray());
        return table.WriteAsync(path, cancel: cancel);
    }

    /// <summary>Joins the parts of one sharded sweep: every shard 0..N−1 exactly once, the same grid and fingerprint, every (combination, input) pair once.</summary>
    /// <returns>The grid and the rows, ranked as <see cref="SweepRunner.Rank"/> ranks an unsharded sweep.</returns>
    /// <exception cref="InvalidDataException">Parts missing, repeated or from different sweeps; the message names them.</exception>
    public static async Task<(ParamGrid Grid, string Fingerprint, IReadOnlyList<SweepRow> Ranked)> MergeAsync(IReadOnlyList<string> paths, CancellationToken cancel = default)
    {
        if (paths.Count == 0) throw new InvalidDataException("no sweep parts (sweep-part-I-of-N.parquet) to merge");
        var parts = new List<(string Path, Part Part)>();
        foreach (var path in paths) parts.Add((path, await ReadPartAsync(path, cancel)));
        var (firstPath, first) = parts[0];
        foreach (var (path, part) in parts)
        {
            if (part.Grid != first.Grid || part.Shards != first.Shards || part.Fingerprint != first.Fingerprint || part.Inputs != first.Inputs)
                throw new InvalidDataException($"{path} is not a part of the same sweep as {firstPath} (grid, shard count, data or settings differ)");
        }
        var byShard = parts.GroupBy(p => p.Part.Shard).ToDictionary(g => g.Key, g => g.Select(p => p.Path).ToList());
        if (byShard.FirstOrDefault(g => g.Value.Count > 1) is { Value: not null } twice)
            throw new InvalidDataException($"shard {twice.Key} given twice: {string.Join(", ", twice.Value)}");
        var missing = Enumerable.Range(0, first.Shards).Where(i => !byShard.ContainsKey(i)).ToList();
        if (missing.Count > 0) throw new InvalidDataException($"shards {string.Join(", ", missing)} of {first.Shards} missing: run them, then merge again");

        var grid = ParamGrid.Parse(first.Grid);
        var inputs = first.Inputs;
        var rows = new List<SweepRow>();
        var seen = new HashSet<long>();
        foreach (var (path, part) in parts)
            foreach (var row in part.Rows)
            {
                var (combination, input) = (row.Combination, row.Input);
                if (combination < 0 || combination >= grid.Count || input < 0 || input >= inputs || !seen.Add((long)combination * inputs + input)
                    || !new SweepShard(part.Shard, part.Shards).Owns(combination, input, inputs))
                    throw new InvalidDataException($"{path}: combination {combination} over input {input} does not belong to shard {part.Shard}/{part.Shards} of a {grid.Count}-run grid over {inputs} input(s), or repeats");
                rows.Add(row with { Settings = grid.Combination(combination) });
            }
        var expected = (long)grid.Count * inputs;
        if (seen.Count != expected)
            throw new InvalidDataException($"the parts hold {seen.Count} of the sweep's {expected} runs: a shard was cancelled before it finished; run it again");
        return (grid, first.Fingerprint, SweepRunner.Join(rows, inputs));
    }

    private sealed record Part(string Grid, int Shard, int Shards, int Inputs, string Fingerprint, List<SweepRow> Rows);

    private static async Task<Part> ReadPartAsync(string path, CancellationToken cancel)
    {
        try
        {
            await using var file = File.OpenRead(path);
            await using var reader = await CheckedParquetReader.OpenAsync(file, cancel);
            var fields = reader.Schema.GetDataFields();
            var rows = new List<SweepRow>();
            string? grid = null, fingerprint = null;
            int shard = -1, shards = -1, inputs = -1;
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var n = (int)group.RowCount;
                async Task<T[]> Column<T>(string name) where T : struct
                {
                    var values = new T[n];
                    await group.ReadAsync<T>(Field(fields, name, path), values.AsMemory(), cancellationToken: cancel);
                    return values;
                }
                async Task<string[]> Strings(string name)
                {
                    var values = new string?[n];
                    await group.ReadAsync(Field(fields, name, path), values.AsMemory(), cancellationToken: cancel);
                    return Array.ConvertAll(values, v => v ?? "");
                }
                var combination = await Column<int>("combination");
                var inputColumn = await Column<int>("input");
                var inputsColumn = await Column<int>("inputs");
                var shardColumn = await Column<int>("shard");
                var shardsColumn = await Column<int>("shards");
                var grids = await Strings("grid");
                var prints = await Strings("fingerprint");
                var d = new Dictionary<string, double[]>();
                foreach (var name in DoubleColumns) d[name] = await Column<double>(name);
                var l = new Dictionary<string, long[]>();
                foreach (var name in LongColumns) l[name] = await Column<long>(name);
                for (var r = 0; r < n; r++)
                {
                    grid ??= grids[r];
                    fingerprint ??= prints[r];
                    if (shard < 0) (shard, shards, inputs) = (shardColumn[r], shardsColumn[r], inputsColumn[r]);
                    if (grids[r] != grid || prints[r] != fingerprint || shardColumn[r] != shard || shardsColumn[r] != shards || inputsColumn[r] != inputs)
                        throw new InvalidDataException($"{path}: row {r} belongs to another sweep or shard than the rows before it");
                    var shape = new EquityShape(l["equity_changes"][r], d["equity_change_sum"][r], d["equity_change_squares"][r], l["equity_end_raw"][r],
                        l["equity_low_raw"][r], l["equity_high_raw"][r], l["equity_drawdown_raw"][r]);
                    rows.Add(new SweepRow(combination[r], [], new BacktestSummary(
                        d["net_pnl_usd"][r], d["gross_pnl_usd"][r], d["fees_usd"][r], d["sharpe"][r], d["hit_rate"][r], d["mean_hold_s"][r], d["max_drawdown_usd"][r],
                        l["trades"][r], l["entry_orders"][r], l["fills"][r], l["cancels"][r], d["fill_ratio"][r], d["maker_fees_usd"][r], l["maker_fills"][r],
                        l["taker_fills"][r], l["orders_placed"][r], l["orders_filled"][r], l["rejects"][r], d["filled_notional_usd"][r], d["maker_notional_usd"][r],
                        d["funding_usd"][r]), shape, inputColumn[r]));
                }
            }
            if (grid is null || fingerprint is null) throw new InvalidDataException($"{path}: a sweep part without rows (its shard ran nothing or was cancelled at once)");
            if (inputs < 1) throw new InvalidDataException($"{path}: a sweep part that names {inputs} inputs");
            return new Part(grid, shard, shards, inputs, fingerprint, rows);
        }
        catch (Exception e) when (e is IOException and not FileNotFoundException and not DirectoryNotFoundException || e is NotSupportedException)
        {
            throw new InvalidDataException($"{path}: not a readable sweep part ({e.Message})", e);
        }
    }

    private static DataField Field(DataField[] fields, string name, string path) =>
        fields.FirstOrDefault(f => f.Name == name) ?? throw new InvalidDataException($"{path}: not a sweep part (no '{name}' column)");
}
