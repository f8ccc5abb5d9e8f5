using HlScalper.Replay.Data;
using HlScalper.Replay.Data.Compact;

namespace HlScalper.Bench.Replay;

/// <summary>An LZ4 JSON recording and the Parquet tick tables <c>convert</c> makes of it (in a temporary directory, deleted on dispose), with the loads the tick-read measurements time.</summary>
internal sealed class TickReadInputs : IDisposable
{
    private TickReadInputs(string lz4, string parquet)
    {
        Lz4 = lz4;
        Parquet = parquet;
    }

    /// <summary>The recording the benchmarks read: the real BTC half hour in <c>../shared</c>.</summary>
    public static string DefaultRecording => BenchData.PathOf("data/hyperliquid/derived_ws_20250904/BTC.lz4");

    public string Lz4 { get; }

    /// <summary>The directory of the converted tick tables.</summary>
    public string Parquet { get; }

    /// <exception cref="TickDataException">The recording does not load.</exception>
    public static TickReadInputs Create(string lz4)
    {
        var parquet = Directory.CreateTempSubdirectory("hlscalper-bench-ticks").FullName;
        try
        {
            var load = TickLoader.LoadAsync([lz4], coin: null, strict: true, _ => { }).GetAwaiter().GetResult();
            TickTables.WriteAsync(load.Tape, parquet).GetAwaiter().GetResult();
            return new TickReadInputs(lz4, parquet);
        }
        catch
        {
            Directory.Delete(parquet, recursive: true);
            throw;
        }
    }

    /// <summary>The recording into a ready compact tape in memory (no cache directory); returns its events.</summary>
    public long Lz4Compact() => LoadCompact(Lz4);

    /// <summary>The converted tables into a ready compact tape in memory; returns its events.</summary>
    public long ParquetCompact() => LoadCompact(Parquet);

    private static long LoadCompact(string path) =>
        TickLoader.LoadCompactAsync([path], strict: true, TapeCache.InMemory, _ => { }).GetAwaiter().GetResult().Tape.EventCount;

    public void Dispose()
    {
        if (Directory.Exists(Parquet)) Directory.Delete(Parquet, recursive: true);
    }
}
