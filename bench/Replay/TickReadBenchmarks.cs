using BenchmarkDotNet.Attributes;
using HlScalper.Replay.Data;
using HlScalper.Replay.Data.Compact;

namespace HlScalper.Bench.Replay;

/// <summary>Loading the same half hour of BTC books and trades from the archive-format LZ4 JSON and from the converted Parquet tick tables, into the array tape and into the compact tape.</summary>
/// <remarks>
/// 1 op = one full load into a ready tape (decompress, slice, codec or column decode, dedup, time sort; for the compact
/// tape also the encoding, in memory, no cache). <see cref="CachedCompact"/> is a cache hit: the input hashed, the tape
/// file checked block by block, its header read. Sizes of both tapes are printed at cleanup.
/// </remarks>
[Config(typeof(BenchConfig))]
public class TickReadBenchmarks
{
    private TickReadInputs _inputs = null!;
    private string _cache = null!;

    [GlobalSetup]
    public void Setup()
    {
        _inputs = TickReadInputs.Create(TickReadInputs.DefaultRecording);
        _cache = Directory.CreateTempSubdirectory("hlscalper-bench-tapes").FullName;
        CachedCompact();
    }

    [Benchmark(Baseline = true)]
    public int Lz4Json() => TickLoader.LoadAsync([_inputs.Lz4], "BTC", strict: true, _ => { }).GetAwaiter().GetResult().Tape.Count;

    [Benchmark]
    public int Parquet() => TickLoader.LoadAsync([_inputs.Parquet], "BTC", strict: true, _ => { }).GetAwaiter().GetResult().Tape.Count;

    [Benchmark]
    public long Lz4JsonCompact() => _inputs.Lz4Compact();

    [Benchmark]
    public long ParquetCompact() => _inputs.ParquetCompact();

    [Benchmark]
    public long CachedCompact() => TickLoader.LoadCompactAsync([_inputs.Lz4], strict: true, new TapeCache(_cache), _ => { }).GetAwaiter().GetResult().Tape.EventCount;

    [GlobalCleanup]
    public void Cleanup()
    {
        var array = TickLoader.LoadAsync([_inputs.Lz4], "BTC", strict: true, _ => { }).GetAwaiter().GetResult().Tape;
        var compact = TickLoader.LoadCompactAsync([_inputs.Lz4], strict: true, new TapeCache(_cache), _ => { }).GetAwaiter().GetResult().Tape;
        Console.WriteLine($"// tapes: {array.Count} events; array {array.Events.Length * (long)Engine.Events.MarketEvent.SizeInBytes / 1e6:0.00} MB allocated "
                          + $"({array.Count * (long)Engine.Events.MarketEvent.SizeInBytes / 1e6:0.00} MB of events), compact {compact.CompactBytes / 1e6:0.00} MB");
        Directory.Delete(_cache, recursive: true);
        _inputs.Dispose();
    }
}
