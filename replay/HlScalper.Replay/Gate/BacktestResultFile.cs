using HlScalper.Replay.Data;
using Parquet;
using Parquet.Schema;

namespace HlScalper.Replay.Gate;

/// <summary>Reads the Sharpe ratio and trade count of one back-test from the <c>summary.parquet</c> that <c>hlscalper backtest</c> writes.</summary>
public static class BacktestResultFile
{
    /// <exception cref="InvalidDataException">Not a Parquet file, not a one-row back-test summary, or without the sharpe and trades columns; the message names the file.</exception>
    public static async Task<(double Sharpe, long Trades)> ReadAsync(string path, CancellationToken cancel = default)
    {
        try
        {
            await using var file = File.OpenRead(path);
            await using var reader = await CheckedParquetReader.OpenAsync(file, cancel);
            var fields = reader.Schema.GetDataFields();
            var sharpeField = Field(fields, "sharpe", path);
            var tradesField = Field(fields, "trades", path);
            if (reader.RowGroupCount != 1) throw new InvalidDataException($"{path}: {reader.RowGroupCount} row groups; a back-test summary has one row");
            using var group = reader.OpenRowGroupReader(0);
            if (group.RowCount != 1) throw new InvalidDataException($"{path}: {group.RowCount} rows; a back-test summary has one (a sweep's table is not a gate input)");
            var sharpe = new double[1];
            var trades = new long[1];
            await group.ReadAsync<double>(sharpeField, sharpe.AsMemory(), cancellationToken: cancel);
            await group.ReadAsync<long>(tradesField, trades.AsMemory(), cancellationToken: cancel);
            return (sharpe[0], trades[0]);
        }
        catch (Exception e) when (e is not (InvalidDataException or OperationCanceledException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException))
        {
            throw new InvalidDataException($"{path}: not a readable back-test summary ({e.Message})", e);
        }
    }

    private static DataField Field(DataField[] fields, string name, string path) =>
        fields.FirstOrDefault(f => f.Name == name) ?? throw new InvalidDataException($"{path}: no '{name}' column; expected the summary.parquet of hlscalper backtest");
}
