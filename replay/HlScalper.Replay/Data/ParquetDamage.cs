namespace HlScalper.Replay.Data;

/// <summary>Turns whatever Parquet.Net throws at a damaged file (Thrift, decompression, index and cast errors) into a <see cref="TickDataException"/> that says where: never a crash, never its bare message.</summary>
internal static class ParquetDamage
{
    /// <summary>The most rows one row group may claim before its column arrays are allocated: a corrupt footer must not cost gigabytes.</summary>
    public const long MaxRowGroupRows = 16 << 20;

    /// <summary>Runs <paramref name="read"/>; its failure becomes "<paramref name="where"/>: its message".</summary>
    public static async Task<T> Guard<T>(string where, Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (e is not (TickDataException or OperationCanceledException or OutOfMemoryException))
        {
            throw new TickDataException($"{where}: {e.Message}", e);
        }
    }

    public static Task Guard(string where, Func<Task> read) => Guard(where, async () =>
    {
        await read();
        return true;
    });

    /// <summary>Reads one column of one row group; its failure names both.</summary>
    public static Task Column(string path, int rowGroup, string column, Func<Task> read) =>
        Guard($"{path}: corrupt Parquet data in row group {rowGroup}, column '{column}'", read);

    /// <summary>A row group's row count, refused when negative or over <paramref name="max"/>.</summary>
    public static int RowCount(string path, int rowGroup, long rows, long max = MaxRowGroupRows) =>
        rows is >= 0 && rows <= max ? (int)rows
            : throw new TickDataException($"{path}: corrupt Parquet metadata: row group {rowGroup} claims {rows:N0} rows (at most {max:N0} are read)");
}
