using BenchmarkDotNet.Attributes;
using HlScalper.Replay.Data;

namespace HlScalper.Bench.Replay;

/// <summary>Loading the same half hour of BTC books and trades from the archive-format LZ4 JSON and from the converted Parquet tick tables.</summary>
/// <remarks>1 op = one full load into a tape (decompress, slice, codec or column decode, dedup, time sort). The ratio column is JSON / Parquet.</remarks>
[Config(typeof(BenchConfig))]
public class TickReadBenchmarks
{
    private string _lz4 = null!;
    private string _parquet = null!;

    [GlobalSetup]
    public void Setup()
    {
        _lz4 = BenchData.PathOf("data/hyperliquid/derived_ws_20250904/BTC.lz4");
        _parquet = Path.Combine(Path.GetTempPath(), "hlscalper-bench-ticks");
        var load = TickLoader.LoadAsync([_lz4], "BTC", strict: true, _ => { }).GetAwaiter().GetResult();
        TickTables.WriteAsync(load.Tape, _parquet).GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public int Lz4Json() => TickLoader.LoadAsync([_lz4], "BTC", strict: true, _ => { }).GetAwaiter().GetResult().Tape.Count;

    [Benchmark]
    public int Parquet() => TickLoader.LoadAsync([_parquet], "BTC", strict: true, _ => { }).GetAwaiter().GetResult().Tape.Count;

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_parquet)) Directory.Delete(_parquet, recursive: true);
    }
}
