using HlScalper.Replay.Reports;
using Parquet;
using Parquet.Schema;

namespace HlScalper.Replay.Data;

/// <summary>
/// The Parquet file the <c>funding</c> verb writes from the info API's <c>fundingHistory</c>: one row per hourly
/// funding, <c>time_ms</c> (long), <c>coin</c> (string), <c>funding_rate</c> and <c>premium</c> (the exact wire decimals
/// as strings, so no rate is rounded).
/// </summary>
public static class FundingTable
{
    /// <summary>One row of the table: when, which coin, the hourly rate and premium as the exchange wrote them.</summary>
    public readonly record struct Row(long TimeMs, string Coin, string Rate, string Premium);

    public static Task WriteAsync(string path, IReadOnlyList<Row> rows, CancellationToken cancel = default) =>
        new ParquetTable()
            .Add("time_ms", rows.Select(r => r.TimeMs).ToArray())
            .Add("coin", rows.Select(r => r.Coin).ToArray())
            .Add("funding_rate", rows.Select(r => r.Rate).ToArray())
            .Add("premium", rows.Select(r => r.Premium).ToArray())
            .WriteAsync(path, cancel: cancel);

    /// <summary>The rows of <paramref name="coin"/> (any case) as a series; rates that do not parse are counted in <see cref="FundingSeries.BadLines"/>.</summary>
    /// <exception cref="TickDataException">Not a funding table (a column is missing) or not Parquet; the message names the file.</exception>
    public static async Task<FundingSeries> ReadAsync(string path, string coin, CancellationToken cancel = default)
    {
        var points = new List<FundingPoint>();
        var bad = 0L;
        try
        {
            await using var file = File.OpenRead(path);
            await using var reader = await CheckedParquetReader.OpenAsync(file, cancel);
            var fields = reader.Schema.GetDataFields();
            DataField Field(string name) => fields.FirstOrDefault(f => f.Name == name)
                                            ?? throw new TickDataException($"{path}: not a funding table (no '{name}' column; write one with 'hlscalper funding')");
            var time = Field("time_ms");
            var coins = Field("coin");
            var rates = Field("funding_rate");
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var n = (int)group.RowCount;
                var times = new long[n];
                var names = new string?[n];
                var values = new string?[n];
                await group.ReadAsync<long>(time, times.AsMemory(), cancellationToken: cancel);
                await group.ReadAsync(coins, names.AsMemory(), cancellationToken: cancel);
                await group.ReadAsync(rates, values.AsMemory(), cancellationToken: cancel);
                for (var i = 0; i < n; i++)
                {
                    if (!string.Equals(names[i], coin, StringComparison.OrdinalIgnoreCase)) continue;
                    if (decimal.TryParse(values[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var rate))
                        points.Add(new FundingPoint(times[i], rate, 0));
                    else bad++;
                }
            }
        }
        catch (Exception e) when (e is not TickDataException and (IOException or InvalidDataException or NotSupportedException or InvalidOperationException))
        {
            throw new TickDataException($"{path}: not a readable funding table ({e.Message})");
        }
        return FundingSeries.FromPoints(coin, points, bad);
    }
}
